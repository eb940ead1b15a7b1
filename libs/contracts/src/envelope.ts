/**
 * The published language between contexts. Every event on Kafka is one JSON `Envelope`
 * (value), keyed by its stream id, with the headers named in `HEADERS`.
 * Two topics per context: `<context>.events` carries its integration events (the versioned
 * contracts of this lib, what other contexts consume); `<context>.log` carries every stored event
 * as the store reads it, for the audit trail. Poison messages go to `<topic>.dlq`.
 */
export type ContextName = 'training' | 'performance' | 'coaching' | 'rewards' | 'reporting';
export const CONTEXTS: ContextName[] = ['training', 'performance', 'coaching', 'rewards', 'reporting'];

/**
 * Deployment namespace for Kafka names (topics and consumer groups), e.g. `acme-prod.`, so that
 * several installations or test suites can share one cluster without seeing each other.
 */
export const kafkaNamespace = (): string => process.env.KAFKA_TOPIC_PREFIX ?? '';

/** The context's integration events: other contexts and reporting's read models consume these. */
export const topicOf = (context: ContextName) => `${kafkaNamespace()}${context}.events`;
/** The context's full log, every stored event: reporting's audit trail consumes this one only. */
export const logTopicOf = (context: ContextName) => `${kafkaNamespace()}${context}.log`;
/**
 * The context's seals (tamper-evidence checkpoints of its store), one message per seal, kept
 * forever: the anchor outside the database that `verify --anchors-topic` checks the store against.
 */
export const sealsTopicOf = (context: ContextName) => `${kafkaNamespace()}${context}.seals`;
export const dlqTopicOf = (topic: string) => `${topic}.dlq`;

export interface EnvelopeActor {
  subject: string;
  roles: string[];
}

export interface Envelope<Type extends string = string, Data = unknown> {
  eventId: string;
  /** Qualified type: `<context>.<EventName>`, e.g. `performance.EmployeeOnboarded`. */
  type: Type;
  schemaVersion: number;
  context: ContextName;
  streamId: string;
  streamVersion: number;
  /** Position in the producing service's own log (for tracing, not for ordering across services). */
  position: number;
  occurredAt: string;
  recordedAt: string;
  actor: EnvelopeActor;
  businessUnitId: string | null;
  correlationId: string;
  causationId: string | null;
  traceparent: string | null;
  /**
   * 'log' on `<context>.log`: a domain event as stored, not a contract, so contract upcasters leave
   * it alone. Absent (or 'events') on `<context>.events`.
   */
  channel?: EnvelopeChannel;
  data: Data;
}

export type EnvelopeChannel = 'events' | 'log';

export const HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  streamId: 'stream-id',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  traceparent: 'traceparent',
  contentType: 'content-type',
  error: 'dlq-error',
  attempts: 'dlq-attempts',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
} as const;

/** A contract: its qualified name, schema version and payload. */
export interface Contract<Type extends string, Version extends number, Data> {
  type: Type;
  version: Version;
  data: Data;
}
