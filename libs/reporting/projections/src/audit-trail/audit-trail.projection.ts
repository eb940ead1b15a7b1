import { logTopicOf, type ContextName } from '@tpm/contracts';
import type { Projection } from '@tpm/projections';

export const AUDIT_TABLE = 'audit_events';
const AUDITED: ContextName[] = ['training', 'performance', 'coaching', 'rewards'];
/** The full logs, not the published events: the trail records every stored event. */
export const AUDIT_TRAIL_TOPICS = AUDITED.map(logTopicOf);

export const auditTrailProjection: Projection = {
  name: 'audit-trail',
  version: 1,
  handles: ['*'],
  tables: [AUDIT_TABLE],
  // The runner's transaction also stores the checkpoint: never commit here.
  async apply(batch, tx, tables) {
    // ORDER BY the batch position so seq follows offset order within a partition; an event seen
    // twice (republished by a relay after a crash) keeps its first row.
    await tx.query(
      `INSERT INTO "${tables[AUDIT_TABLE]}" (event_id, type, schema_version, context, stream_id, stream_version, source_position,
                        occurred_at, recorded_at, actor, actor_subject, business_unit_id, correlation_id, causation_id, data)
       SELECT e->>'eventId', e->>'type', (e->>'schemaVersion')::int, e->>'context', e->>'streamId', (e->>'streamVersion')::int,
              (e->>'position')::bigint, (e->>'occurredAt')::timestamptz, (e->>'recordedAt')::timestamptz, e->'actor',
              e->'actor'->>'subject', e->>'businessUnitId', e->>'correlationId', e->>'causationId', e->'data'
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(e, n)
        ORDER BY n
       ON CONFLICT (event_id) DO NOTHING`,
      [JSON.stringify(batch)],
    );
  },
};
