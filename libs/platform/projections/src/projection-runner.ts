import { kafkaNamespace } from '@tpm/contracts';
import type { Consumer, EachBatchPayload, Kafka, Admin, KafkaMessage } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { ActiveReplica, type RunnerState } from './active-replica';
import { applyMessages } from './batch.apply';
import { nextCheckpoint, unseenMessages } from './batch.filter';
import { inProjectionBatch, readCheckpointForUpdate, readCheckpoints, writeCheckpoints } from './checkpoint.store';
import { decodeEnvelope } from './envelope.decoder';
import { parkedSummary, parkMessage, withRetries, type ParkedMessage } from './parked.store';
import { liveTables, type Projection } from './projection';
import { applyTraced } from './projection-tracing';
import { traceparentOfHeaders } from '@tpm/tracing';
import { createLogger, type Logger } from '@tpm/logging';

export interface ProjectionRunnerOptions {
  projection: Projection;
  dataSource: DataSource;
  kafka: Kafka;
  /** Topics to read; injectable so tests use their own. */
  topics: string[];
  /** Kafka consumer group; defaults to `projection.<name>`. Offsets are never committed to it. */
  groupId?: string;
  logger?: Logger;
  /** How often a standby replica retries the lock, and the active one checks it still holds it. */
  lockRetryMs?: number;
  sessionTimeoutMs?: number;
  /** Tries of a failing batch (and then of each of its messages) before the failing message is parked; default 3. */
  maxAttempts?: number;
  /** Pause before the n-th retry: n × this; default 200 ms. */
  retryBackoffMs?: number;
}

export type { RunnerState } from './active-replica';

/** One partition of a Kafka source, or the single log of a store source (`topic: 'store'`). */
export interface PartitionStatus {
  topic: string;
  partition: number;
  /** Next offset the read model needs (a store: the position it has read up to); null when nothing was read yet. */
  checkpoint: string | null;
  /** Kafka: the partition's high watermark; a store: its head position (safe horizon). */
  highWatermark: string;
  lag: string;
}

export interface ProjectionStatus {
  projection: string;
  version: number;
  source: 'kafka' | 'store';
  state: RunnerState;
  partitions: PartitionStatus[];
  totalLag: string;
  lastBatchAt: string | null;
  lastError: string | null;
  /** Messages parked and not replayed yet (`npm run projections -- replay-parked <projection>`). */
  parked: number;
  /** The newest parked messages, with their error. */
  recentParked: ParkedMessage[];
}

const key = (topic: string, partition: number) => `${topic}:${partition}`;

/**
 * Feeds one projection from Kafka. Exactly one replica is active (a session advisory lock); it
 * applies each fetched batch in one transaction that also moves the checkpoint, so the read model
 * and its checkpoint never disagree. Kafka's committed offsets are not used: the checkpoint in
 * PostgreSQL is the only truth, and partitions are sought to it on every assignment.
 */
export class ProjectionRunner {
  private readonly projection: Projection;
  private readonly logger: Logger;
  private readonly groupId: string;
  private readonly replica: ActiveReplica;
  private consumer: Consumer | null = null;
  private statusAdmin: Admin | null = null;
  /** Where each partition resumes: the last committed checkpoint, or the log start. */
  private readonly positions = new Map<string, string>();
  private lastBatchAt: Date | null = null;
  private lastError: string | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.projection = options.projection;
    this.logger = options.logger ?? createLogger('projection-runner');
    this.groupId = options.groupId ?? `${kafkaNamespace()}projection.${options.projection.name}`;
    this.replica = new ActiveReplica({
      name: options.projection.name,
      dataSource: options.dataSource,
      logger: this.logger,
      lockRetryMs: options.lockRetryMs ?? 2_000,
      activate: () => this.activate(),
      deactivate: () => this.deactivate(),
      onError: (e) => (this.lastError = String(e)),
    });
  }

  get name(): string {
    return this.projection.name;
  }

  get state(): RunnerState {
    return this.replica.state;
  }

  /** Returns at once; the runner becomes active when it wins the lock (see `whenActive`). */
  async start(): Promise<void> {
    this.replica.start();
  }

  whenActive(): Promise<void> {
    return this.replica.whenActive();
  }

  async stop(): Promise<void> {
    await this.replica.stop();
    await this.statusAdmin?.disconnect().catch(() => undefined);
    this.statusAdmin = null;
  }

  /** Checkpoint against high watermark per partition: the health endpoint's lag. */
  async status(): Promise<ProjectionStatus> {
    if (!this.statusAdmin) {
      this.statusAdmin = this.options.kafka.admin();
      await this.statusAdmin.connect();
    }
    const checkpoints = new Map(
      (await readCheckpoints(this.options.dataSource, this.projection.name, this.options.topics)).map((c) => [key(c.topic, c.partition), c.nextOffset]),
    );
    const partitions: PartitionStatus[] = [];
    for (const topic of this.options.topics) {
      for (const o of await this.statusAdmin.fetchTopicOffsets(topic)) {
        const checkpoint = checkpoints.get(key(topic, o.partition)) ?? null;
        const from = BigInt(checkpoint ?? o.low);
        const high = BigInt(o.high);
        partitions.push({ topic, partition: o.partition, checkpoint, highWatermark: o.high, lag: (high > from ? high - from : 0n).toString() });
      }
    }
    const parked = await parkedSummary(this.options.dataSource, this.projection.name);
    return {
      projection: this.projection.name,
      version: this.projection.version,
      source: 'kafka',
      state: this.state,
      partitions,
      totalLag: partitions.reduce((s, p) => s + BigInt(p.lag), 0n).toString(),
      lastBatchAt: this.lastBatchAt?.toISOString() ?? null,
      lastError: this.lastError,
      ...parked,
    };
  }

  private async activate(): Promise<void> {
    const { kafka, topics } = this.options;
    await this.loadPositions();
    const consumer = kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      // Synchronous on purpose: the seeks must be registered before the first fetch.
      for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
        for (const partition of partitions) {
          const offset = this.positions.get(key(topic, partition));
          if (offset !== undefined) consumer.seek({ topic, partition, offset });
        }
      }
      this.logger.info({ projection: this.projection.name, assignment: payload.memberAssignment }, 'projection partitions assigned');
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.lastError = String(payload.error);
      this.logger.error({ projection: this.projection.name, err: String(payload.error), restart: payload.restart }, 'projection consumer crashed');
      // kafkajs gives up on non-retriable errors: hand the lock over and try again from the top.
      if (!payload.restart && this.state !== 'stopped') void this.replica.standDown();
    });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: true, eachBatch: (p) => this.onBatch(p) });
    this.logger.info({ projection: this.projection.name, version: this.projection.version, topics, groupId: this.groupId }, 'projection runner active');
  }

  private async loadPositions(): Promise<void> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      for (const topic of this.options.topics) {
        for (const o of await admin.fetchTopicOffsets(topic)) this.positions.set(key(topic, o.partition), o.low);
      }
    } finally {
      await admin.disconnect();
    }
    for (const c of await readCheckpoints(this.options.dataSource, this.projection.name, this.options.topics)) {
      this.positions.set(key(c.topic, c.partition), c.nextOffset);
    }
  }

  private async deactivate(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    await consumer?.disconnect().catch((e) => this.logger.warn({ err: String(e) }, 'consumer disconnect failed'));
  }

  /** Applies what of `messages` the checkpoint has not passed, and moves the checkpoint, in one transaction. */
  private applyInOneTransaction(topic: string, partition: number, messages: KafkaMessage[]) {
    const name = this.projection.name;
    const traces = () => messages.map((m) => traceparentOfHeaders(m.headers));
    return applyTraced({ name, source: 'kafka', size: messages.length }, traces, () => inProjectionBatch(this.options.dataSource, name, async (tx) => {
      const checkpoint = await readCheckpointForUpdate(tx, name, topic, partition);
      const fresh = unseenMessages(messages, checkpoint);
      const outcome = fresh.length
        ? await applyMessages(this.projection, tx, liveTables(this.projection), topic, partition, fresh)
        : { applied: 0, skipped: 0, malformed: 0 };
      const next = nextCheckpoint(fresh, checkpoint);
      if (next !== null && next !== checkpoint) await writeCheckpoints(tx, name, [{ topic, partition, nextOffset: next.toString() }]);
      return { ...outcome, redelivered: messages.length - fresh.length, next, parked: 0 };
    }));
  }

  /** Parks one message and moves the checkpoint past it, in one transaction (a no-op if the checkpoint already passed it). */
  private park(topic: string, partition: number, m: KafkaMessage, error: unknown, attempts: number) {
    const name = this.projection.name;
    return inProjectionBatch(this.options.dataSource, name, async (tx) => {
      const checkpoint = await readCheckpointForUpdate(tx, name, topic, partition);
      if (checkpoint !== null && BigInt(m.offset) < checkpoint) return checkpoint;
      const decoded = decodeEnvelope(m.value);
      await parkMessage(tx, name, {
        topic,
        partition,
        offset: m.offset,
        eventId: decoded.ok ? decoded.envelope.eventId : null,
        eventType: decoded.ok ? decoded.envelope.type : null,
        error: String(error),
        raw: m.value,
        attempts,
      });
      const next = BigInt(m.offset) + 1n;
      await writeCheckpoints(tx, name, [{ topic, partition, nextOffset: next.toString() }]);
      return next;
    });
  }

  /**
   * A batch that failed every attempt: each message in its own transaction (the checkpoint moves
   * past each good one), so the failing ones are found and parked alone and the rest is applied.
   */
  private async isolate(topic: string, partition: number, messages: KafkaMessage[], heartbeat: () => Promise<void>) {
    const attempts = this.options.maxAttempts ?? 3;
    const backoff = this.options.retryBackoffMs ?? 200;
    const total = { applied: 0, skipped: 0, malformed: 0, redelivered: 0, parked: 0, next: null as bigint | null };
    for (const m of messages) {
      try {
        const r = await withRetries(attempts, backoff, () => this.applyInOneTransaction(topic, partition, [m]));
        total.applied += r.applied;
        total.skipped += r.skipped;
        total.malformed += r.malformed;
        total.redelivered += r.redelivered;
        total.next = r.next ?? total.next;
      } catch (e) {
        // If parking itself fails (the database is gone), this throws and kafkajs redelivers the batch.
        total.next = await this.park(topic, partition, m, e, attempts);
        total.parked++;
        this.logger.error({ projection: this.projection.name, topic, partition, offset: m.offset, err: String(e) }, 'projection message parked after its retries; the partition moves on');
      }
      await heartbeat();
    }
    return total;
  }

  private async onBatch({ batch, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const { topic, partition, messages } = batch;
    const name = this.projection.name;
    const started = Date.now();
    const attempts = this.options.maxAttempts ?? 3;
    await heartbeat();
    try {
      let result;
      try {
        result = await withRetries(attempts, this.options.retryBackoffMs ?? 200, () => this.applyInOneTransaction(topic, partition, messages), (e, attempt) => {
          this.lastError = String(e);
          this.logger.warn({ projection: name, topic, partition, firstOffset: batch.firstOffset(), attempt, err: String(e) }, 'projection batch failed');
        });
      } catch {
        await heartbeat();
        result = await this.isolate(topic, partition, messages, heartbeat);
      }
      if (result.next !== null) this.positions.set(key(topic, partition), result.next.toString());
      this.lastBatchAt = new Date();
      if (result.malformed) this.logger.warn({ projection: name, topic, partition, count: result.malformed }, 'malformed messages recorded and skipped');
      this.logger.debug({
        projection: name,
        topic,
        partition,
        applied: result.applied,
        skipped: result.skipped,
        redelivered: result.redelivered,
        parked: result.parked,
        nextOffset: result.next?.toString(),
        ms: Date.now() - started,
      }, 'projection batch applied');
    } catch (e) {
      this.lastError = String(e);
      this.logger.error({
        projection: name,
        topic,
        partition,
        firstOffset: batch.firstOffset(),
        err: String(e),
      }, 'projection batch failed and could not be parked; it will be redelivered');
      throw e;
    }
    await heartbeat();
  }
}
