import type { Envelope } from '@tpm/contracts';
import { dlqTopicOf, HEADERS } from '@tpm/contracts';
import type { Consumer, EachMessagePayload, Kafka, Producer } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { MalformedEnvelope, parseEnvelope } from './envelope.mapping';
import { isDependencyUnavailable } from '@tpm/kernel';
import { createLogger, type Logger } from '@tpm/logging';
import { ensureMessagingSchema } from './messaging.schema';
import { ensureTopics } from './topics';
import { consumeTraced } from './consumer-tracing';

export interface InboxContext {
  /** The transaction that also records the event as handled: write through it. */
  tx: PoolClient;
  /**
   * Names the inbox rows; a reaction's commands take `reactionContext(envelope, { consumer, purpose })`
   * from `@tpm/event-store`, whose event ids derive from it.
   */
  consumer: string;
}

export type InboxHandler = (envelope: Envelope, ctx: InboxContext) => Promise<void>;

export interface InboxConsumerOptions {
  /** Names the consumer group and the inbox rows. */
  name: string;
  /** Kafka consumer group; defaults to `name`. A new group replays the topic through the same inbox. */
  groupId?: string;
  kafka: Kafka;
  pool: Pool;
  topics: string[];
  handlers: Record<string, InboxHandler>;
  /** Attempts before a message goes to `<topic>.dlq`. */
  maxAttempts?: number;
  retryDelayMs?: number;
  partitionsConsumedConcurrently?: number;
  fromBeginning?: boolean;
  logger?: Logger;
}

export interface ConsumerStatus {
  running: boolean;
  handled: number;
  duplicates: number;
  deadLettered: number;
  lastError: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * At-least-once delivery, exactly-once effects: the event id goes into the inbox in the same
 * transaction as the handler's writes, so a redelivered event finds its row and changes
 * nothing. A message that keeps failing goes to the dead-letter topic with its error, and the
 * partition moves on.
 */
export class InboxConsumer {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private readonly logger: Logger;
  private readonly state: ConsumerStatus = { running: false, handled: 0, duplicates: 0, deadLettered: 0, lastError: null };

  constructor(private readonly options: InboxConsumerOptions) {
    this.options = { ...options, handlers: { ...options.handlers } };
    this.logger = options.logger ?? createLogger('inbox', { consumer: options.name });
  }

  /** Adds reactions before start (the Nest module discovers them from @HandlesEvent methods). */
  addHandlers(handlers: Record<string, InboxHandler>): void {
    for (const [type, handler] of Object.entries(handlers)) {
      if (this.options.handlers[type]) throw new Error(`Two handlers react to ${type} in consumer ${this.options.name}`);
      this.options.handlers[type] = handler;
    }
  }

  status(): ConsumerStatus {
    return { ...this.state };
  }

  async start(): Promise<void> {
    await ensureMessagingSchema(this.options.pool);
    await ensureTopics(this.options.kafka, [...this.options.topics, ...this.options.topics.map(dlqTopicOf)]);
    this.producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await this.producer.connect();
    this.consumer = this.options.kafka.consumer({ groupId: this.options.groupId ?? this.options.name, allowAutoTopicCreation: false });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachMessage: (payload) => this.handle(payload),
    });
    this.state.running = true;
  }

  async stop(): Promise<void> {
    this.state.running = false;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.consumer = null;
    this.producer = null;
  }

  private async handle({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    let envelope: Envelope;
    try {
      envelope = parseEnvelope(message.value);
    } catch (e) {
      if (e instanceof MalformedEnvelope) return this.deadLetter(topic, partition, message, null, e.message, 1);
      throw e;
    }
    const handler = this.options.handlers[envelope.type];
    if (!handler) return; // not ours to react to
    const at = { consumer: this.options.name, topic, partition, type: envelope.type };
    return consumeTraced(message.headers, at, () => this.handleOurs(topic, partition, message, heartbeat, envelope, handler));
  }

  private async handleOurs(topic: string, partition: number, message: EachMessagePayload['message'], heartbeat: () => Promise<void>, envelope: Envelope, handler: InboxHandler): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let lastError = '';
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const outcome = await this.tryOnce(envelope, handler);
      if (outcome === 'handled') this.state.handled++;
      if (outcome === 'duplicate') this.state.duplicates++;
      if (outcome !== 'failed') return;
      lastError = this.state.lastError ?? 'unknown error';
      if (attempt < maxAttempts) {
        await sleep((this.options.retryDelayMs ?? 200) * attempt);
        await heartbeat();
      }
    }
    await this.deadLetter(topic, partition, message, envelope, lastError, maxAttempts);
  }

  private async tryOnce(envelope: Envelope, handler: InboxHandler): Promise<'handled' | 'duplicate' | 'failed'> {
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      const inserted = await client.query(
        // A dead-lettered event may come back (an operator replays it from the DLQ once the cause
        // is fixed): it is retried. A handled one is a duplicate and changes nothing.
        `INSERT INTO messaging.inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
         ON CONFLICT (consumer, event_id) DO UPDATE SET outcome = 'handled', handled_at = now()
         WHERE messaging.inbox.outcome = 'dead-lettered'`,
        [this.options.name, envelope.eventId, envelope.type],
      );
      if (inserted.rowCount === 0) {
        await client.query('ROLLBACK');
        return 'duplicate';
      }
      await handler(envelope, { tx: client, consumer: this.options.name });
      await client.query('COMMIT');
      return 'handled';
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      this.state.lastError = (e as Error).message;
      // The database (or broker) is unreachable: not this message's fault, so it must not count
      // towards its dead-lettering. kafkajs redelivers it once the dependency is back.
      if (isDependencyUnavailable(e)) throw e;
      this.logger.warn({ eventId: envelope.eventId, type: envelope.type, correlationId: envelope.correlationId, err: (e as Error).message }, 'handler failed');
      return 'failed';
    } finally {
      client.release();
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: EachMessagePayload['message'],
    envelope: Envelope | null,
    error: string,
    attempts: number,
  ): Promise<void> {
    await this.producer!.send({
      topic: dlqTopicOf(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [HEADERS.error]: error.slice(0, 2000),
            [HEADERS.attempts]: String(attempts),
            [HEADERS.sourceTopic]: topic,
            [HEADERS.sourcePartition]: String(partition),
            [HEADERS.sourceOffset]: message.offset,
          },
        },
      ],
    });
    // Recorded for operators (and the inbox row says why the event had no effect).
    await this.options.pool.query(
      `WITH dl AS (
         INSERT INTO messaging.dead_letters (consumer, event_id, topic, partition, "offset", attempts, error)
         VALUES ($1, $2, $3, $4, $5, $6, $7))
       INSERT INTO messaging.inbox (consumer, event_id, event_type, outcome)
       SELECT $1, $2, $8, 'dead-lettered' WHERE $2::text IS NOT NULL ON CONFLICT DO NOTHING`,
      [this.options.name, envelope?.eventId ?? null, topic, partition, message.offset, attempts, error, envelope?.type ?? 'unknown'],
    );
    this.state.deadLettered++;
    this.logger.error({ topic, partition, offset: message.offset, eventId: envelope?.eventId, correlationId: envelope?.correlationId, err: error, attempts }, 'message dead-lettered');
  }
}
