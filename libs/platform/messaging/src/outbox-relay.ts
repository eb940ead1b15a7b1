import type { ContextName, PublishedLanguage } from '@tpm/contracts';
import { logTopicOf, sealsTopicOf, topicOf } from '@tpm/contracts';
import { START, anchorMessage, type EventStore, type LogPosition, type SealRecord } from '@tpm/event-store';
import type { Kafka, Producer, TopicMessages } from 'kafkajs';
import type { Pool } from 'pg';
import { AdvisoryLeadership } from './advisory-lock';
import { toIntegrationEnvelope, toKafkaMessage, toLogMessage } from './envelope.mapping';
import { ensureMessagingSchema } from './messaging.schema';
import { ensureTopics } from './topics';
import { publishTraced } from './relay-tracing';
import { createLogger, type Logger } from '@tpm/logging';

export interface OutboxRelayOptions {
  context: ContextName;
  /** `onAppended` (the PostgreSQL store has it) wakes the relay after each local commit. */
  store: EventStore & { onAppended?: (listener: () => void) => () => void };
  pool: Pool;
  kafka: Kafka;
  /** The context's published language: which domain events become which integration events. None: nothing on `topic`. */
  published?: PublishedLanguage;
  /** Integration events; default `<context>.events`. */
  topic?: string;
  /** Every stored event, for the audit trail; default `<context>.log`. */
  logTopic?: string;
  batchSize?: number;
  /** Poll interval when idle: the fallback for appends the store does not announce (other replicas). */
  idleDelayMs?: number;
  /** How long a standby waits before trying to take the lead again. */
  standbyDelayMs?: number;
  /**
   * Seal the global log (tamper-evidence checkpoint) this often while events flow, and publish every
   * new seal to `sealsTopic`. Default `EVENT_STORE_SEAL_EVERY_MS` or 5 s, so the unsealed tail is
   * seconds. No new events: no seal.
   */
  sealEveryMs?: number;
  /** Where seals are anchored outside the database; default `<context>.seals` (one partition, kept forever). */
  sealsTopic?: string;
  logger?: Logger;
}

interface RelayBatch {
  /** Stored events in the batch (each on the log topic, some also on the events topic). */
  events: number;
  next: LogPosition;
  topicMessages: TopicMessages[];
  /** Each event's stored trace context (tracing's producer spans). */
  traceparents: (string | null | undefined)[];
}

export interface RelayStatus {
  active: boolean;
  position: LogPosition;
  published: number;
  lastError: string | null;
  lastPublishedAt: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The event log is the outbox. The relay reads the store in commit-safe global order and
 * publishes every event to `<context>.log` and, for the events the context's published language
 * maps, their integration events to `<context>.events`: both keyed by stream id, in one batch of
 * an idempotent producer; it moves its checkpoint only after the broker acknowledged the whole
 * batch (acks=all). When Kafka is down it keeps retrying from the last checkpoint, so nothing is
 * lost and each stream's order holds on both topics. One replica relays at a time (advisory
 * lock); the others stand by. A local append wakes it; polling covers the rest.
 */
export class OutboxRelay {
  private readonly topic: string;
  private readonly logTopic: string;
  private readonly name: string;
  private readonly leadership: AdvisoryLeadership;
  private readonly logger: Logger;
  private producer: Producer | null = null;
  private loop: Promise<void> | null = null;
  private running = false;
  private readonly sealsTopic: string;
  private readonly anchorsName: string;
  private lastSeal = 0;
  /** The last seal number published to the seals topic (durable in relay_checkpoints); null = not loaded. */
  private anchoredSealNo: number | null = null;
  private sealsTopicReady = false;
  private wake: (() => void) | null = null;
  /** An append announced while the relay was busy: its next idle returns at once. */
  private woken = false;
  private unsubscribe: (() => void) | null = null;
  /** When the last local append was announced: until it is safely visible, look again soon. */
  private nudgedAt = 0;
  private readonly state: RelayStatus = { active: false, position: START, published: 0, lastError: null, lastPublishedAt: null };

  constructor(private readonly options: OutboxRelayOptions) {
    this.topic = options.topic ?? topicOf(options.context);
    this.logTopic = options.logTopic ?? logTopicOf(options.context);
    // The checkpoint follows the full log, which every event reaches.
    this.name = `relay:${options.context}:${this.logTopic}`;
    this.leadership = new AdvisoryLeadership(options.pool, this.name);
    this.sealsTopic = options.sealsTopic ?? sealsTopicOf(options.context);
    this.anchorsName = `anchors:${options.context}:${this.sealsTopic}`;
    this.logger = options.logger ?? createLogger('relay', { relay: this.name });
  }

  status(): RelayStatus {
    return { ...this.state };
  }

  async start(): Promise<void> {
    if (this.running) return;
    await ensureMessagingSchema(this.options.pool);
    this.running = true;
    this.unsubscribe = this.options.store.onAppended?.(() => this.nudge()) ?? null;
    this.loop = this.run();
  }

  /** Called after an append commits, so the relay does not wait for its idle delay. */
  nudge(): void {
    // A standby has nothing to read: only the active relay wakes (stop wakes either).
    if (!this.state.active) return;
    this.woken = true;
    this.nudgedAt = Date.now();
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.wake?.();
    await this.loop;
    this.loop = null;
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = null;
    await this.leadership.release();
    this.state.active = false;
  }

  private async idle(ms: number): Promise<void> {
    if (this.woken || !this.running) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    this.wake = null;
    this.woken = false;
  }

  private async run(): Promise<void> {
    let backoff = 200;
    while (this.running) {
      try {
        if (!this.leadership.held) {
          if (!(await this.leadership.tryAcquire())) {
            this.state.active = false;
            await this.idle(this.options.standbyDelayMs ?? 2000);
            continue;
          }
          this.state.position = await this.loadCheckpoint();
          this.anchoredSealNo = null;
          this.state.active = true;
          this.logger.info({ position: this.state.position }, 'relay is active');
        }
        // Sealing runs while events flow too (not only when idle), at most every sealEveryMs, and
        // on its own: a seal or seals-topic failure never holds the relay back, nor the reverse.
        await this.maybeSeal();
        const published = await this.publishOnce();
        backoff = 200;
        if (published === 0) {
          // An announced commit can still be below the safe horizon (another transaction on the
          // server is older): look again shortly for a few seconds instead of a whole idle delay.
          const recentlyNudged = Date.now() - this.nudgedAt < 5_000;
          const idleMs = this.options.idleDelayMs ?? 1000;
          await this.idle(recentlyNudged ? Math.min(idleMs, 100) : idleMs);
        }
      } catch (e) {
        this.state.lastError = (e as Error).message;
        this.logger.warn({ err: (e as Error).message, retryInMs: backoff }, 'relay failed, will retry');
        await this.producer?.disconnect().catch(() => undefined);
        this.producer = null;
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
  }

  /**
   * Relays the log until it is drained (or the relay stops or loses the lead); returns how many
   * stored events it relayed. Pipelined, one batch in flight at a time: while the broker
   * acknowledges batch N, batch N+1 is read and mapped and batch N-1's checkpoint is written.
   * The checkpoint still moves only past whole acknowledged batches, one write at a time, in order.
   */
  async publishOnce(): Promise<number> {
    const limit = this.options.batchSize ?? 500;
    let batch = await this.readBatch(this.state.position, limit);
    if (batch.events === 0) {
      if (batch.next !== this.state.position) await this.saveCheckpoint(batch.next, 0);
      return 0;
    }
    let relayed = 0;
    let saving: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        const sent = this.send(batch);
        // A full page says more is likely committed: read it while this one is acknowledged.
        const ahead = batch.events === limit ? this.readBatch(batch.next, limit) : null;
        // Settled below, or dropped when the send fails: never an unhandled rejection.
        ahead?.catch(() => undefined);
        await sent;
        await saving;
        saving = this.saveCheckpoint(batch.next, batch.events);
        saving.catch(() => undefined);
        relayed += batch.events;
        if (!ahead || !this.running || !this.leadership.held) break;
        await this.maybeSeal();
        batch = await ahead;
        if (batch.events === 0) break;
      }
    } catch (e) {
      await saving.catch(() => undefined);
      throw e;
    }
    await saving;
    return relayed;
  }

  /** One page of the log after `after`, mapped to its messages: every event on the log topic, the mapped ones on the events topic. */
  private async readBatch(after: LogPosition, limit: number): Promise<RelayBatch> {
    const { events, next } = await this.options.store.readAll({ after, limit });
    const { context, published } = this.options;
    const integration = events.flatMap((e) => {
      const contract = published?.(e);
      return contract ? [toKafkaMessage(toIntegrationEnvelope(context, e, contract))] : [];
    });
    const log = events.map((e) => toLogMessage(context, e));
    return {
      events: events.length,
      next,
      topicMessages: [{ topic: this.logTopic, messages: log }, ...(integration.length ? [{ topic: this.topic, messages: integration }] : [])],
      traceparents: events.map((e) => e.metadata.traceparent),
    };
  }

  /** One batch, one ack for both topics (acks=all): the checkpoint moves only when both hold the events. */
  private async send({ topicMessages, traceparents }: RelayBatch): Promise<void> {
    const producer = await this.connectedProducer();
    await publishTraced(traceparents, this.logTopic, () => producer.sendBatch({ acks: -1, topicMessages }));
  }

  private async connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  /**
   * Seals the log written since the last seal, then publishes every seal not yet on the seals
   * topic (those of `npm run eventstore -- seal` too). Cheap when nothing is new: the seal finds
   * no event past the last one and rolls back, and one indexed query finds no unpublished seal.
   * A seal is anchored after the broker acknowledged it (acks=all); a crash in between
   * republishes it, and readers count a seal once. Failures are logged and retried next time.
   */
  private async maybeSeal(): Promise<void> {
    const every = this.options.sealEveryMs ?? (Number(process.env.EVENT_STORE_SEAL_EVERY_MS) || 5_000);
    const { store } = this.options;
    if (!store.seal || Date.now() - this.lastSeal < every) return;
    this.lastSeal = Date.now();
    try {
      await store.seal();
      if (store.listSeals) await this.publishSeals(await store.listSeals({ afterSealNo: await this.anchoredUpTo(), limit: 1000 }));
    } catch (e) {
      this.logger.warn({ err: (e as Error).message, topic: this.sealsTopic }, 'sealing or anchoring failed, will retry');
    }
  }

  private async publishSeals(seals: SealRecord[]): Promise<void> {
    if (!seals.length) return;
    if (!this.sealsTopicReady) {
      // One partition: the seals of a store stay in their order; kept forever like the log.
      await ensureTopics(this.options.kafka, [this.sealsTopic], 1);
      this.sealsTopicReady = true;
    }
    const producer = await this.connectedProducer();
    await producer.sendBatch({ acks: -1, topicMessages: [{ topic: this.sealsTopic, messages: seals.map((s) => anchorMessage(this.options.context, s)) }] });
    const last = seals[seals.length - 1].sealNo;
    await this.options.pool.query(
      `INSERT INTO messaging.relay_checkpoints (relay, position, published) VALUES ($1, $2, $3)
       ON CONFLICT (relay) DO UPDATE SET position = EXCLUDED.position,
         published = messaging.relay_checkpoints.published + EXCLUDED.published, updated_at = now()`,
      [this.anchorsName, String(last), seals.length],
    );
    this.anchoredSealNo = last;
    this.logger.debug({ seals: seals.length, lastSeal: last, topic: this.sealsTopic }, 'seals anchored');
  }

  private async anchoredUpTo(): Promise<number> {
    if (this.anchoredSealNo === null) {
      const { rows } = await this.options.pool.query<{ position: string }>('SELECT position FROM messaging.relay_checkpoints WHERE relay = $1', [this.anchorsName]);
      this.anchoredSealNo = Number(rows[0]?.position ?? 0);
    }
    return this.anchoredSealNo;
  }

  private async loadCheckpoint(): Promise<LogPosition> {
    const { rows } = await this.options.pool.query<{ position: string }>(
      'SELECT position FROM messaging.relay_checkpoints WHERE relay = $1',
      [this.name],
    );
    return rows[0]?.position ?? START;
  }

  private async saveCheckpoint(position: LogPosition, count: number): Promise<void> {
    await this.options.pool.query(
      `INSERT INTO messaging.relay_checkpoints (relay, position, published) VALUES ($1, $2, $3)
       ON CONFLICT (relay) DO UPDATE SET position = EXCLUDED.position,
         published = messaging.relay_checkpoints.published + EXCLUDED.published, updated_at = now()`,
      [this.name, position, count],
    );
    this.state.position = position;
    if (count === 0) return;
    this.state.published += count;
    this.state.lastError = null;
    this.state.lastPublishedAt = new Date().toISOString();
  }
}
