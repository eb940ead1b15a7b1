import type { DataSource, EntityManager } from 'typeorm';
import type { Projection, TableNames } from './projection';

const ident = (part: string) => `"${part.replace(/"/g, '""')}"`;
const split = (table: string): [string | null, string] => {
  const dot = table.indexOf('.');
  return dot < 0 ? [null, table] : [table.slice(0, dot), table.slice(dot + 1)];
};

/** `schema.table` or `table`, quoted for SQL: what an `apply` puts in its statements. */
export const quoteTable = (table: string): string => {
  const [schema, name] = split(table);
  return schema ? `${ident(schema)}.${ident(name)}` : ident(name);
};

const suffixed = (table: string, suffix: string) => `${table}${suffix}`;
/** A shadow lives beside its table, in the same schema. */
export const shadowTable = (table: string) => suffixed(table, '__rebuild');
const oldTable = (table: string) => suffixed(table, '__old');
const bareName = (table: string) => split(table)[1];

export const shadowTables = (projection: Projection): TableNames => Object.fromEntries(projection.tables.map((t) => [t, shadowTable(t)]));

/** Fresh, empty shadows shaped like the live tables (indexes and defaults included). */
export async function createShadowTables(dataSource: DataSource, projection: Projection): Promise<void> {
  await dataSource.transaction(async (tx) => {
    for (const t of projection.tables) {
      // A previous rebuild that died leaves its shadow behind: it is incomplete, start over.
      await tx.query(`DROP TABLE IF EXISTS ${quoteTable(shadowTable(t))}`);
      await tx.query(`CREATE TABLE ${quoteTable(shadowTable(t))} (LIKE ${quoteTable(t)} INCLUDING ALL)`);
    }
  });
}

/** Inside the caller's transaction (holding the batch lock): the shadows take the live names. */
export async function swapShadowTables(tx: EntityManager, projection: Projection): Promise<void> {
  for (const t of projection.tables) {
    await tx.query(`ALTER TABLE ${quoteTable(t)} RENAME TO ${ident(bareName(oldTable(t)))}`);
    await tx.query(`ALTER TABLE ${quoteTable(shadowTable(t))} RENAME TO ${ident(bareName(t))}`);
    await tx.query(`DROP TABLE ${quoteTable(oldTable(t))}`);
  }
}

export async function dropShadowTables(dataSource: DataSource, projection: Projection): Promise<void> {
  await dataSource
    .transaction(async (tx) => {
      for (const t of projection.tables) await tx.query(`DROP TABLE IF EXISTS ${quoteTable(shadowTable(t))}`);
    })
    .catch(() => undefined);
}
