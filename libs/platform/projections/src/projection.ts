import type { Envelope } from '@tpm/contracts';
import type { EntityManager } from 'typeorm';

/** Logical table name → physical table name: the live table, or its shadow during a rebuild. */
export type TableNames = Record<string, string>;

/**
 * A read model fed by a batch of events. The runner owns the transaction (it also stores the
 * checkpoint in it), so `apply` must never commit, and must write only to the tables it is given:
 * during a rebuild those are the shadow tables, not the live ones.
 */
export interface Projection<E extends Envelope = Envelope> {
  name: string;
  /** Bump to signal that the read model must be rebuilt beside, then swapped. */
  version: number;
  /** Qualified types (`performance.EmployeeOnboarded`), or `['*']` for every event. */
  handles: string[];
  /** Logical names of the tables it owns (live names). */
  tables: string[];
  /** `batch` is in offset order for one topic-partition and holds only the handled types. */
  apply(batch: E[], tx: EntityManager, tables: TableNames): Promise<void>;
}

export const liveTables = (projection: Projection): TableNames =>
  Object.fromEntries(projection.tables.map((t) => [t, t]));

export const handlesType = (projection: Projection, type: string): boolean =>
  projection.handles.includes('*') || projection.handles.includes(type);
