import type { Envelope } from '@tpm/contracts';
import { quoteTable } from '@tpm/projections';
import type { EntityManager } from 'typeorm';

/** The schema every analyst-facing read model lives in (the `analyst` role sees this one only). */
export const READ_MODEL_SCHEMA = 'read_model';
export const rm = (table: string) => `${READ_MODEL_SCHEMA}.${table}`;

export type Column = readonly [name: string, sqlType: string];
export type Row = Record<string, unknown>;

/**
 * One set-based INSERT of many rows (jsonb_to_recordset), with the caller's ON CONFLICT clause.
 * The existing row is `t` in the clause. Rows must be unique by the conflict key (see `mergeBy`): PostgreSQL refuses to update a row twice.
 */
export async function insertRows(tx: EntityManager, table: string, columns: readonly Column[], rows: Row[], onConflict: string): Promise<void> {
  if (!rows.length) return;
  const names = columns.map(([n]) => n).join(', ');
  const shape = columns.map(([n, t]) => `${n} ${t}`).join(', ');
  await tx.query(`INSERT INTO ${quoteTable(table)} AS t (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${shape}) ${onConflict}`, [JSON.stringify(rows)]);
}

/** Rows with the same key merged in batch order: the first non-null value of each column wins (the last for `latestColumns`). */
export function mergeBy(rows: Row[], key: (r: Row) => string, prefer: 'first' | 'last' = 'first', latestColumns: string[] = []): Row[] {
  const merged = new Map<string, Row>();
  for (const r of rows) {
    const k = key(r);
    const prev = merged.get(k);
    if (!prev) merged.set(k, { ...r });
    else for (const [c, v] of Object.entries(r)) if (v !== null && v !== undefined && (prefer === 'last' || latestColumns.includes(c) || prev[c] === null || prev[c] === undefined)) prev[c] = v;
  }
  return [...merged.values()];
}

/** `SET c = COALESCE(t.c, EXCLUDED.c)` for each column: a stage reached stays reached at its first time. */
export const keepFirst = (alias: string, cols: string[]) => cols.map((c) => `${c} = COALESCE(${alias}.${c}, EXCLUDED.${c})`).join(', ');
/** `SET c = COALESCE(EXCLUDED.c, t.c)`: the latest known value wins, an absent one keeps the old. */
export const keepLatest = (alias: string, cols: string[]) => cols.map((c) => `${c} = COALESCE(EXCLUDED.${c}, ${alias}.${c})`).join(', ');

export const dataOf = <T>(e: Envelope) => e.data as T;
export const typeName = (e: Envelope) => e.type.slice(e.type.indexOf('.') + 1);
