import { upcastEnvelope, type Envelope } from '@tpm/contracts';

export type Decoded = { ok: true; envelope: Envelope } | { ok: false; error: string };

const REQUIRED_STRINGS = ['eventId', 'type', 'context', 'streamId', 'occurredAt', 'correlationId'] as const;

/**
 * A message is one JSON Envelope. Anything else is recorded and skipped by the runner: one bad
 * producer must not stop every read model behind it.
 */
export function decodeEnvelope(value: Buffer | string | null): Decoded {
  if (value === null || value.length === 0) return { ok: false, error: 'empty message value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString());
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${(e as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, error: 'envelope is not an object' };
  const e = parsed as Record<string, unknown>;
  const missing = REQUIRED_STRINGS.filter((k) => typeof e[k] !== 'string' || (e[k] as string).length === 0);
  if (missing.length) return { ok: false, error: `missing or invalid fields: ${missing.join(', ')}` };
  if (Number.isNaN(Date.parse(e.occurredAt as string))) return { ok: false, error: 'occurredAt is not a timestamp' };
  if (typeof e.data !== 'object' || e.data === null) return { ok: false, error: 'missing or invalid fields: data' };
  const actor = e.actor as Record<string, unknown> | undefined;
  if (typeof actor !== 'object' || actor === null || typeof actor.subject !== 'string') return { ok: false, error: 'missing or invalid fields: actor' };
  return {
    ok: true,
    envelope: upcastEnvelope({
      ...(e as unknown as Envelope),
      schemaVersion: Number(e.schemaVersion ?? 1),
      streamVersion: Number(e.streamVersion ?? 0),
      position: Number(e.position ?? 0),
      recordedAt: typeof e.recordedAt === 'string' ? e.recordedAt : (e.occurredAt as string),
      businessUnitId: typeof e.businessUnitId === 'string' ? e.businessUnitId : null,
      causationId: typeof e.causationId === 'string' ? e.causationId : null,
      traceparent: typeof e.traceparent === 'string' ? e.traceparent : null,
    }),
  };
}
