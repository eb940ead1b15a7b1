import { START, type LogPosition } from '@tpm/event-store';

const parse = (p: LogPosition): [bigint, bigint] | null => {
  if (p === START) return null;
  const m = /^(\d+):(\d+)$/.exec(p);
  if (!m) throw new Error(`Not a store log position: ${p}`);
  return [BigInt(m[1]), BigInt(m[2])];
};

/**
 * Orders two store positions. Both stores encode a position as two numbers read in order
 * (PostgreSQL: writing transaction id, then global position; EventStoreDB: commit, then prepare
 * position), so one comparison serves both; `START` precedes everything.
 */
export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return x ? 1 : y ? -1 : 0;
  if (x[0] !== y[0]) return x[0] < y[0] ? -1 : 1;
  return x[1] === y[1] ? 0 : x[1] < y[1] ? -1 : 1;
}

export const laterLogPosition = (a: LogPosition, b: LogPosition): LogPosition => (compareLogPositions(a, b) >= 0 ? a : b);
