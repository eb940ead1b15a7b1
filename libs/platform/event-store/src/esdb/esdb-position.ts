import type { LogPosition } from '../event-store';

/** A position in EventStoreDB's $all: the commit and prepare positions of one event. */
export interface EsdbPosition {
  commit: bigint;
  prepare: bigint;
}

/** The store's opaque LogPosition for a $all position: `<commit>:<prepare>`, ordered as the projections compare it. */
export const encodePosition = (p: EsdbPosition): LogPosition => `${p.commit}:${p.prepare}`;

export function decodePosition(p: LogPosition): EsdbPosition {
  const m = /^(\d+):(\d+)$/.exec(p);
  if (!m) throw new Error(`Not an EventStoreDB log position: ${p}`);
  return { commit: BigInt(m[1]), prepare: BigInt(m[2]) };
}

/** -1, 0, 1 as $all position a is before, at or after b. */
export const comparePositions = (a: EsdbPosition, b: EsdbPosition): number =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
