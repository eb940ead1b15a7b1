import { randomUUID } from 'node:crypto';
import type { Envelope } from '@tpm/contracts';
import type { DataSource } from 'typeorm';
import type { Projection } from '../projection';

/** Test read model: events per stream. A double-applied event shows up as a count too high. */
export function countingProjection(name: string, opts: { failOnceOn?: string; failAlwaysOn?: string; type?: string } = {}): Projection & { table: string; failures: number } {
  const table = `${name.replace(/[^a-z0-9]/gi, '_')}_counts`;
  let failed = false;
  const projection = {
    name,
    version: 1,
    handles: [opts.type ?? 'test.Counted'],
    tables: [table],
    table,
    failures: 0,
    async apply(batch: Envelope[], tx: import('typeorm').EntityManager, tables: Record<string, string>) {
      await tx.query(
        `INSERT INTO "${tables[table]}" (stream_id, events)
         SELECT e->>'streamId', count(*) FROM jsonb_array_elements($1::jsonb) e GROUP BY 1
         ON CONFLICT (stream_id) DO UPDATE SET events = "${tables[table]}".events + EXCLUDED.events`,
        [JSON.stringify(batch)],
      );
      // Writes first, then dies: the rollback must take the writes with it.
      if (opts.failOnceOn && !failed && batch.some((e) => e.eventId === opts.failOnceOn)) {
        failed = true;
        projection.failures++;
        throw new Error('poison batch: simulated crash mid-batch');
      }
      if (opts.failAlwaysOn && batch.some((e) => e.eventId === opts.failAlwaysOn)) {
        projection.failures++;
        throw new Error('poison event: this projection cannot apply it');
      }
    },
  };
  return projection;
}

export async function createCountingTable(ds: DataSource, table: string) {
  await ds.query(`CREATE TABLE "${table}" (stream_id text PRIMARY KEY, events int NOT NULL)`);
}

export async function countsOf(ds: DataSource, table: string): Promise<Record<string, number>> {
  const rows: { stream_id: string; events: number }[] = await ds.query(`SELECT stream_id, events FROM "${table}" ORDER BY stream_id`);
  return Object.fromEntries(rows.map((r) => [r.stream_id, r.events]));
}

export const counted = (streamId: string, eventId: string = randomUUID()): Envelope => ({
  eventId,
  type: 'test.Counted',
  schemaVersion: 1,
  context: 'training',
  streamId,
  streamVersion: 1,
  position: 1,
  occurredAt: new Date().toISOString(),
  recordedAt: new Date().toISOString(),
  actor: { subject: 'user:test', roles: ['hr'] },
  businessUnitId: null,
  correlationId: randomUUID(),
  causationId: null,
  traceparent: null,
  data: {},
});
