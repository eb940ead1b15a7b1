import type { DataSource, EntityManager } from 'typeorm';

/** A message a projection (or processor) could not apply after its retries: kept, with its error, until replayed. */
export interface ParkedMessage {
  topic: string;
  partition: number;
  offset: string;
  eventId: string | null;
  eventType: string | null;
  error: string;
  attempts: number;
  parkedAt: string;
}

export interface ParkedSummary {
  /** Parked and not replayed yet. */
  parked: number;
  /** The newest few, with their error. */
  recentParked: ParkedMessage[];
}

/** The store source's pseudo topic: offset is the event's global position. */
export const STORE_TOPIC = '$store';

export interface ParkInput {
  topic: string;
  partition: number;
  offset: string;
  eventId: string | null;
  eventType: string | null;
  error: string;
  raw: Buffer | string | null;
  attempts: number;
}

// NUL cannot live in a text column: the very error that parks a message may quote it.
const clean = (s: string) => s.replace(/\u0000/g, '\\u0000').slice(0, 10_000);

/** Inside the transaction that moves the checkpoint past it, so a message is either applied, parked, or still ahead. */
export async function parkMessage(tx: Pick<EntityManager, 'query'>, projection: string, m: ParkInput): Promise<void> {
  await tx.query(
    `INSERT INTO projection_parked (projection, topic, partition, "offset", event_id, event_type, error, raw_value, attempts)
     VALUES ($1, $2, $3, $4::bigint, $5, $6, $7, $8, $9)
     ON CONFLICT (projection, topic, partition, "offset") DO UPDATE
       SET error = EXCLUDED.error, attempts = projection_parked.attempts + EXCLUDED.attempts, raw_value = EXCLUDED.raw_value,
           parked_at = now(), replayed_at = NULL`,
    [projection, m.topic, m.partition, m.offset, m.eventId, m.eventType, clean(m.error), m.raw === null ? null : Buffer.from(m.raw), m.attempts],
  );
}

export async function parkedSummary(db: Pick<DataSource, 'query'>, projection: string, newest = 5): Promise<ParkedSummary> {
  const [{ n }]: { n: number }[] = await db.query('SELECT count(*)::int AS n FROM projection_parked WHERE projection = $1 AND replayed_at IS NULL', [projection]);
  const rows: { topic: string; partition: number; offset: string; event_id: string | null; event_type: string | null; error: string; attempts: number; parked_at: Date }[] =
    n === 0
      ? []
      : await db.query(
          `SELECT topic, partition, "offset"::text AS "offset", event_id, event_type, error, attempts, parked_at FROM projection_parked
            WHERE projection = $1 AND replayed_at IS NULL ORDER BY parked_at DESC, "offset" DESC LIMIT $2`,
          [projection, newest],
        );
  return {
    parked: n,
    recentParked: rows.map((r) => ({
      topic: r.topic,
      partition: r.partition,
      offset: r.offset,
      eventId: r.event_id,
      eventType: r.event_type,
      error: r.error,
      attempts: r.attempts,
      parkedAt: new Date(r.parked_at).toISOString(),
    })),
  };
}

/** Projections (of `names`) with messages parked and not replayed: what turns health `degraded`. */
export async function projectionsWithParked(db: Pick<DataSource, 'query'>, names: string[]): Promise<Record<string, number>> {
  const rows: { projection: string; n: number }[] = await db.query(
    `SELECT projection, count(*)::int AS n FROM projection_parked WHERE replayed_at IS NULL AND projection = ANY($1) GROUP BY projection`,
    [names],
  );
  return Object.fromEntries(rows.map((r) => [r.projection, r.n]));
}

/** Retries `work` up to `attempts` times with a linear backoff; rethrows the last error. */
export async function withRetries<T>(attempts: number, backoffMs: number, work: () => Promise<T>, onFailure?: (e: unknown, attempt: number) => void): Promise<T> {
  let last: unknown;
  for (let attempt = 1; attempt <= Math.max(1, attempts); attempt++) {
    try {
      return await work();
    } catch (e) {
      last = e;
      onFailure?.(e, attempt);
      if (attempt < attempts) await new Promise((r) => setTimeout(r, backoffMs * attempt));
    }
  }
  throw last;
}
