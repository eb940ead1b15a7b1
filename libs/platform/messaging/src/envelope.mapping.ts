import type { AnyContract, ContextName, Envelope } from '@tpm/contracts';
import { HEADERS, upcastEnvelope } from '@tpm/contracts';
import { storedJsonOf, type RecordedEvent } from '@tpm/event-store';
import type { IHeaders, Message } from 'kafkajs';

/** Stored types are the context's own names; on Kafka they carry the context prefix. */
export const qualifiedType = (context: ContextName, type: string) => (type.includes('.') ? type : `${context}.${type}`);

/** The envelope's fields of a stored event, all but its data. */
const envelopeFields = (context: ContextName, e: RecordedEvent): Omit<Envelope, 'data'> => ({
  eventId: e.eventId,
  type: qualifiedType(context, e.type),
  schemaVersion: e.schemaVersion,
  context,
  streamId: e.streamId,
  streamVersion: e.streamVersion,
  position: e.globalPosition,
  occurredAt: e.occurredAt,
  recordedAt: e.recordedAt,
  actor: { subject: e.metadata.actor.subject, roles: [...e.metadata.actor.roles] },
  businessUnitId: e.metadata.businessUnitId,
  correlationId: e.metadata.correlationId,
  causationId: e.metadata.causationId,
  traceparent: e.metadata.traceparent,
});

export const toEnvelope = (context: ContextName, e: RecordedEvent): Envelope => ({ ...envelopeFields(context, e), data: e.data });

/** On `<context>.log`: the stored event as the store reads it (current domain version). */
export const toLogEnvelope = (context: ContextName, e: RecordedEvent): Envelope => ({ ...toEnvelope(context, e), channel: 'log' });

/** On `<context>.events`: the integration event a domain event maps to, with the domain event's ids and metadata. */
export const toIntegrationEnvelope = (context: ContextName, e: RecordedEvent, contract: AnyContract): Envelope => ({
  ...toEnvelope(context, e),
  type: contract.type,
  schemaVersion: contract.version,
  channel: 'events',
  data: contract.data,
});

// Key = stream id: one aggregate's events land on one partition, in order.
export const toKafkaMessage = (envelope: Envelope): Message => ({ key: envelope.streamId, value: JSON.stringify(envelope), headers: headersOf(envelope) });

/**
 * `toKafkaMessage(toLogEnvelope(context, e))` for the relay's hot path: the envelope's fields are
 * serialised once and the data is the stored JSON text when
 * the store read it unchanged (no upcast, not opened), else serialised as usual. Consumers parse
 * the same envelope either way (only the key order differs: `channel` comes before `data`).
 */
export const toLogMessage = (context: ContextName, e: RecordedEvent): Message => {
  // Set on the fields' own object, not spread into a copy: the same keys in the same order.
  const envelope: Omit<Envelope, 'data'> = envelopeFields(context, e);
  envelope.channel = 'log';
  const stored = storedJsonOf(e.data);
  const value = stored === undefined ? JSON.stringify({ ...envelope, data: e.data }) : `${JSON.stringify(envelope).slice(0, -1)},"data":${stored}}`;
  return { key: e.streamId, value, headers: headersOf(envelope) };
};

const headersOf = (envelope: Omit<Envelope, 'data'>): IHeaders => {
  const headers: IHeaders = {
    [HEADERS.eventId]: envelope.eventId,
    [HEADERS.eventType]: envelope.type,
    [HEADERS.schemaVersion]: String(envelope.schemaVersion),
    [HEADERS.streamId]: envelope.streamId,
    [HEADERS.correlationId]: envelope.correlationId,
    [HEADERS.contentType]: 'application/json',
  };
  if (envelope.causationId) headers[HEADERS.causationId] = envelope.causationId;
  if (envelope.traceparent) headers[HEADERS.traceparent] = envelope.traceparent;
  return headers;
};

export class MalformedEnvelope extends Error {}

/**
 * Parses and checks the fields every consumer relies on; anything else is poison. An old
 * contract version arrives upcast to the current one.
 */
export const parseEnvelope = (value: Buffer | null): Envelope => {
  if (!value) throw new MalformedEnvelope('empty message');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    throw new MalformedEnvelope('message is not JSON');
  }
  const e = parsed as Partial<Envelope>;
  const missing = (['eventId', 'type', 'streamId', 'correlationId', 'occurredAt'] as const).filter(
    (k) => typeof e[k] !== 'string' || !e[k],
  );
  if (missing.length) throw new MalformedEnvelope(`envelope lacks ${missing.join(', ')}`);
  if (typeof e.schemaVersion !== 'number') throw new MalformedEnvelope('envelope lacks schemaVersion');
  return upcastEnvelope(e as Envelope);
};
