import type { Pool } from 'pg';
import type { CountEventsOptions } from '../event-store';

/**
 * How many events lie below the safe horizon (the events `readAll` from the start would return
 * now), of the given types when given: one aggregate on the server, no row leaves it. A rebuild's
 * progress total, so the log is read once, not once to count and again to replay.
 */
export async function countEvents(pool: Pool, schema: string, options: CountEventsOptions = {}): Promise<number> {
  const types = options.types?.length ? options.types : null;
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM ${schema}.events
      WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot()) AND ($1::text[] IS NULL OR type = ANY($1::text[]))`,
    [types],
  );
  return Number(rows[0].n);
}
