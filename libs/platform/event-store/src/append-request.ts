import { canonicalJson } from './canonical-json';
import { InvalidAppend } from './errors';
import type { AppendOptions, ExpectedVersion, NewEvent, StoredMetadata } from './event-store';

/** One event ready to store: its bytes are final, so its hash can be computed before the insert. */
export interface PreparedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  dataText: string;
  metadataText: string;
  occurredAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const toStoredMetadata = (options: AppendOptions): StoredMetadata => {
  const m = options.metadata;
  return {
    actor: m.actor,
    businessUnitId: m.businessUnitId ?? null,
    correlationId: m.correlationId,
    causationId: m.causationId ?? null,
    traceparent: m.traceparent ?? null,
  };
};

/**
 * Validates and serialises once, so that what is hashed is exactly what is stored. An event
 * without a schema version gets `versionOf(type)` (the store's current version of the type), or 1.
 */
export function prepareEvents(streamId: string, events: NewEvent[], options: AppendOptions, now: Date, versionOf?: (type: string) => number): PreparedEvent[] {
  if (!streamId) throw new InvalidAppend('Stream id is empty');
  if (!options?.metadata?.actor || !options.metadata.correlationId) {
    throw new InvalidAppend('Every append needs metadata.actor and metadata.correlationId', { streamId });
  }
  checkExpectedVersionShape(options.expectedVersion);
  const at = new Date(options.metadata.occurredAt ?? now);
  if (Number.isNaN(at.getTime())) throw new InvalidAppend('metadata.occurredAt is not a date', { streamId });
  // ISO with milliseconds round-trips through timestamptz unchanged, so the hash can be recomputed on read.
  const occurredAt = at.toISOString();
  const metadataText = canonicalJson(toStoredMetadata(options));
  const seen = new Set<string>();
  return events.map((e) => {
    const eventId = String(e.eventId ?? '').toLowerCase();
    if (!UUID.test(eventId)) throw new InvalidAppend(`Event id ${e.eventId} is not a UUID`, { streamId });
    if (seen.has(eventId)) throw new InvalidAppend(`Event id ${eventId} appears twice in one append`, { streamId });
    seen.add(eventId);
    if (!e.type) throw new InvalidAppend('Event type is empty', { streamId, eventId });
    const schemaVersion = e.schemaVersion ?? (versionOf ? versionOf(e.type) : 1);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1) throw new InvalidAppend('schemaVersion must be a positive integer', { eventId });
    return { eventId, type: e.type, schemaVersion, dataText: canonicalJson(e.data), metadataText, occurredAt };
  });
}

const checkExpectedVersionShape = (expected: ExpectedVersion) => {
  if (typeof expected === 'number' ? Number.isInteger(expected) && expected >= 0 : ['no-stream', 'stream-exists', 'any'].includes(expected)) return;
  throw new InvalidAppend(`Invalid expected version ${String(expected)}`);
};

/** Whether a stream at `current` (0 = absent) satisfies the writer's expectation. */
export const expectedVersionHolds = (expected: ExpectedVersion, current: number): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return current === 0;
    case 'stream-exists':
      return current > 0;
    default:
      return current === expected;
  }
};
