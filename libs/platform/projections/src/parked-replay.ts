import type { DataSource } from 'typeorm';
import { inProjectionBatch } from './checkpoint.store';
import { decodeEnvelope } from './envelope.decoder';
import { liveTables, type Projection } from './projection';

export interface ReplayParkedResult {
  projection: string;
  replayed: number;
  stillFailing: number;
  failures: { topic: string; partition: number; offset: string; eventId: string | null; error: string }[];
}

/**
 * Re-applies a projection's parked messages (after a fix), oldest position first, each through
 * the projection's `apply` in its own transaction that also marks it replayed; one still failing
 * stays parked with its new error. The checkpoint is not touched: the partition moved on long ago.
 */
export async function replayParked(projection: Projection, dataSource: DataSource): Promise<ReplayParkedResult> {
  const rows: { id: string; topic: string; partition: number; offset: string; event_id: string | null; raw_value: Buffer | null }[] = await dataSource.query(
    `SELECT id::text AS id, topic, partition, "offset"::text AS "offset", event_id, raw_value FROM projection_parked
      WHERE projection = $1 AND replayed_at IS NULL ORDER BY topic, partition, "offset"`,
    [projection.name],
  );
  const result: ReplayParkedResult = { projection: projection.name, replayed: 0, stillFailing: 0, failures: [] };
  for (const r of rows) {
    try {
      await inProjectionBatch(dataSource, projection.name, async (tx) => {
        // FOR UPDATE: two replays at once apply a message once.
        const [open] = await tx.query('SELECT 1 FROM projection_parked WHERE id = $1 AND replayed_at IS NULL FOR UPDATE', [r.id]);
        if (!open) return;
        const decoded = decodeEnvelope(r.raw_value);
        if (!decoded.ok) throw new Error(decoded.error);
        await projection.apply([decoded.envelope], tx, liveTables(projection));
        await tx.query('UPDATE projection_parked SET replayed_at = now() WHERE id = $1', [r.id]);
      });
      result.replayed++;
    } catch (e) {
      const error = String(e).replace(/\u0000/g, '\\u0000').slice(0, 10_000);
      await dataSource.query('UPDATE projection_parked SET error = $2, attempts = attempts + 1 WHERE id = $1', [r.id, error]);
      result.stillFailing++;
      result.failures.push({ topic: r.topic, partition: r.partition, offset: r.offset, eventId: r.event_id, error });
    }
  }
  return result;
}
