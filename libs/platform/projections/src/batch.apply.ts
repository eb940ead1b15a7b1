import type { Envelope } from '@tpm/contracts';
import type { KafkaMessage } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import { decodeEnvelope } from './envelope.decoder';
import { handlesType, type Projection, type TableNames } from './projection';

export interface BatchOutcome {
  applied: number;
  skipped: number;
  malformed: number;
}

/**
 * Decodes, records the malformed ones in `projection_errors` and applies the rest, all inside the
 * caller's transaction. Shared by the live runner and the rebuild so both see the same events.
 */
export async function applyMessages(
  projection: Projection,
  tx: EntityManager,
  tables: TableNames,
  topic: string,
  partition: number,
  messages: KafkaMessage[],
): Promise<BatchOutcome> {
  const events: Envelope[] = [];
  const errors: { offset: string; key: string | null; error: string; raw: string | null }[] = [];
  let skipped = 0;
  for (const m of messages) {
    const decoded = decodeEnvelope(m.value);
    if (!decoded.ok) {
      errors.push({ offset: m.offset, key: m.key?.toString() ?? null, error: decoded.error, raw: m.value?.toString().replace(/\u0000/g, '').slice(0, 10_000) ?? null });
    } else if (handlesType(projection, decoded.envelope.type)) {
      events.push(decoded.envelope);
    } else {
      skipped++;
    }
  }
  if (errors.length) {
    await tx.query(
      `INSERT INTO projection_errors (projection, topic, partition, "offset", message_key, error, raw_value)
       SELECT $1, $2, $3, (e->>'offset')::bigint, e->>'key', e->>'error', e->>'raw' FROM jsonb_array_elements($4::jsonb) e
       ON CONFLICT (projection, topic, partition, "offset") DO NOTHING`,
      [projection.name, topic, partition, JSON.stringify(errors)],
    );
  }
  if (events.length) await projection.apply(events, tx, tables);
  return { applied: events.length, skipped, malformed: errors.length };
}
