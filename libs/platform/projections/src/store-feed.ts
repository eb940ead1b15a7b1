import { START, type EventStore, type LogPosition, type RecordedEvent } from '@tpm/event-store';
import type { DataSource, EntityManager } from 'typeorm';
import { ActiveReplica, type RunnerState } from './active-replica';
import { inProjectionBatch, readPosition, writePosition } from './checkpoint.store';
import { compareLogPositions, laterLogPosition } from './log-position';
import { createLogger, type Logger } from '@tpm/logging';
import { parkedSummary, parkMessage, STORE_TOPIC, withRetries } from './parked.store';
import type { ProjectionStatus } from './projection-runner';
import { applyTraced } from './projection-tracing';

/** What a store-fed runner needs of the service's store: its log in commit-safe order (and its count, when it keeps one). */
export type EventLog = Pick<EventStore, 'readAll' | 'countEvents'>;

export interface StoreFeedOptions {
  dataSource: DataSource;
  store: EventLog;
  logger?: Logger;
  /** Events read per store call (one transaction per read for a projection). */
  batchSize?: number;
  /** How often an idle active runner looks for new events; `nudge()` wakes it sooner. */
  pollMs?: number;
  lockRetryMs?: number;
  /** Tries of a failing read (and then of each of its events) before the failing event is parked; default 3. */
  maxAttempts?: number;
  /** Pause before the n-th retry: n × this; default 200 ms. */
  retryBackoffMs?: number;
}

export interface WaitOptions {
  /** Gives up with `ProjectionWaitTimeout` after this long (default 30 s). */
  timeoutMs?: number;
}

export interface CatchUpOptions extends WaitOptions {
  /**
   * 'committed' (default): everything committed before the call, so a caller sees its own
   * writes; never use it inside a transaction that holds a transaction id, since the runner cannot
   * pass that transaction before it ends. 'safe': only what no in-flight transaction can still
   * precede, which is safe inside such a transaction (an inbox reaction's).
   */
  horizon?: 'committed' | 'safe';
}

export class ProjectionWaitTimeout extends Error {
  readonly code = 'PROJECTION_WAIT_TIMEOUT';
  constructor(readonly projection: string, readonly wanted: LogPosition, readonly reached: LogPosition) {
    super(`${projection} did not reach ${wanted} in time (at ${reached})`);
  }
}

/** A run of events committed together with the checkpoint `upTo` (past filtered-out types too). */
interface Chunk {
  events: RecordedEvent[];
  upTo: LogPosition;
}

const SCAN_PAGE = 1_000;

/**
 * Follows the service's own store in its commit-safe order (`readAll`, safe horizon) and commits
 * each chunk's writes with its checkpoint (`projection_positions`) in one transaction under the
 * batch lock, so a crash, a redelivered read or a rebuild's swap never applies an event twice.
 * One replica is active (the same advisory lock as the Kafka runner). Callers that must see their
 * own writes wait with `waitFor(position)` or `catchUp()`, which read the stored checkpoint and
 * so work on any replica.
 */
export abstract class StoreFeed {
  private failedInARow = 0;
  protected readonly logger: Logger;
  private readonly replica: ActiveReplica;
  private position: LogPosition = START;
  private pump: Promise<void> | null = null;
  private pumping = false;
  private wakePump: (() => void) | null = null;
  private committed: (() => void)[] = [];
  private lastBatchAt: Date | null = null;
  private lastError: string | null = null;

  protected constructor(
    readonly name: string,
    private readonly version: number,
    /** Store event types to read; undefined reads every type. */
    private readonly types: string[] | undefined,
    protected readonly options: StoreFeedOptions,
  ) {
    this.logger = options.logger ?? createLogger(`store-feed:${name}`);
    this.replica = new ActiveReplica({
      name,
      dataSource: options.dataSource,
      logger: this.logger,
      lockRetryMs: options.lockRetryMs ?? 2_000,
      activate: () => this.activate(),
      deactivate: () => this.deactivate(),
      onError: (e) => (this.lastError = String(e)),
    });
  }

  /** Writes one chunk inside the runner's transaction; never commits. */
  protected abstract apply(events: RecordedEvent[], tx: EntityManager): Promise<void>;
  /** A projection commits a whole read per transaction; a processor one event per transaction. */
  protected abstract readonly transactionPerEvent: boolean;
  /** Runs before a read's chunks are applied, outside any transaction (a processor waits for its read models here). */
  protected async beforeApply(_upTo: LogPosition): Promise<void> {}
  /** What a parked event keeps, for a replay: the envelope a projection applies (processors keep the recorded event). */
  protected parkedValue(event: RecordedEvent): { eventType: string; raw: string } {
    return { eventType: event.type, raw: JSON.stringify(event) };
  }

  get state(): RunnerState {
    return this.replica.state;
  }

  async start(): Promise<void> {
    this.replica.start();
  }

  whenActive(): Promise<void> {
    return this.replica.whenActive();
  }

  async stop(): Promise<void> {
    await this.replica.stop();
    for (const w of this.committed.splice(0)) w();
  }

  /** New events were appended: the active runner reads now instead of at its next poll. */
  nudge(): void {
    this.wakePump?.();
  }

  /** The stored checkpoint; `START` before the first batch. */
  async checkpoint(): Promise<LogPosition> {
    return (await readPosition(this.options.dataSource, this.name)) ?? START;
  }

  /** Resolves once the stored checkpoint is at or past `position` (the active runner may be another replica). */
  async waitFor(position: LogPosition, options: WaitOptions = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const reached = await this.checkpoint();
      if (compareLogPositions(reached, position) >= 0) return;
      if (Date.now() >= deadline) throw new ProjectionWaitTimeout(this.name, position, reached);
      this.nudge();
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(this.options.pollMs ?? 200, Math.max(1, deadline - Date.now())));
        this.committed.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits until the store's head at the time of the call is applied (see `CatchUpOptions.horizon`). */
  async catchUp(options: CatchUpOptions = {}): Promise<void> {
    const { head } = await this.scan(await this.checkpoint(), options.horizon ?? 'committed');
    await this.waitFor(head, options);
  }

  async status(): Promise<ProjectionStatus> {
    const checkpoint = await readPosition(this.options.dataSource, this.name);
    const { head, count } = await this.scan(checkpoint ?? START, 'committed');
    const parked = await parkedSummary(this.options.dataSource, this.name);
    return {
      projection: this.name,
      version: this.version,
      source: 'store',
      state: this.state,
      partitions: [{ topic: 'store', partition: 0, checkpoint, highWatermark: head, lag: String(count) }],
      totalLag: String(count),
      lastBatchAt: this.lastBatchAt?.toISOString() ?? null,
      lastError: this.lastError,
      ...parked,
    };
  }

  /** The head after `from`, and how many events of our types lie between. */
  private async scan(from: LogPosition, horizon: 'committed' | 'safe'): Promise<{ head: LogPosition; count: number }> {
    let head = from;
    let count = 0;
    for (;;) {
      // A 'committed' head is only a target to wait for: the runner itself reads and stores safe positions.
      const { events, next } = await this.options.store.readAll({ after: head, limit: SCAN_PAGE, types: this.types, horizon });
      count += events.length;
      head = next;
      if (events.length < SCAN_PAGE) return { head, count };
    }
  }

  private async activate(): Promise<void> {
    this.position = await this.checkpoint();
    this.pumping = true;
    this.pump = this.run();
    this.logger.info({ projection: this.name, version: this.version, from: this.position }, 'store runner active');
  }

  private async deactivate(): Promise<void> {
    this.pumping = false;
    this.wakePump?.();
    await this.pump;
    this.pump = null;
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? 200;
    while (this.pumping) {
      let progressed = false;
      try {
        progressed = await this.step();
        this.failedInARow = 0;
      } catch (e) {
        this.lastError = String(e);
        // It is read again on the next poll: a database outage is a few warnings; a batch that
        // keeps failing (not an outage that ends) becomes an error after ten attempts.
        const failures = ++this.failedInARow;
        const fields = { projection: this.name, from: this.position, attempt: failures, err: String(e) };
        if (failures < 10) this.logger.warn(fields, 'store batch failed; it will be read again');
        else if (failures % 10 === 0) this.logger.error(fields, 'store batch keeps failing; it will be read again');
      }
      if (progressed || !this.pumping) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        this.wakePump = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wakePump = null;
    }
  }

  /** One chunk's writes and the checkpoint past it, in one transaction. */
  private applyChunk(chunk: Chunk): Promise<LogPosition> {
    const traces = () => chunk.events.map((e) => e.metadata.traceparent);
    return applyTraced({ name: this.name, source: 'store', size: chunk.events.length }, traces, () => inProjectionBatch(this.options.dataSource, this.name, async (tx) => {
      const stored = (await readPosition(tx, this.name)) ?? START;
      // Below the stored checkpoint is what this read model already holds (a rebuild's swap moves it ahead).
      const fresh = chunk.events.filter((e) => compareLogPositions(e.logPosition!, stored) > 0);
      if (fresh.length) await this.apply(fresh, tx);
      const upTo = laterLogPosition(chunk.upTo, stored);
      if (upTo !== stored) await writePosition(tx, this.name, upTo);
      return upTo;
    }));
  }

  /** Parks one event and moves the checkpoint past it, in one transaction; throws (the read is retried) if that fails too. */
  private async parkEvent(event: RecordedEvent, error: unknown, attempts: number): Promise<LogPosition> {
    const upTo = await inProjectionBatch(this.options.dataSource, this.name, async (tx) => {
      const stored = (await readPosition(tx, this.name)) ?? START;
      if (compareLogPositions(event.logPosition!, stored) <= 0) return stored;
      const { eventType, raw } = this.parkedValue(event);
      await parkMessage(tx, this.name, { topic: STORE_TOPIC, partition: 0, offset: String(event.globalPosition), eventId: event.eventId, eventType, error: String(error), raw, attempts });
      await writePosition(tx, this.name, event.logPosition!);
      return event.logPosition!;
    });
    this.logger.error({ projection: this.name, eventId: event.eventId, type: event.type, err: String(error) }, 'store event parked after its retries; the feed moves on');
    return upTo;
  }

  /** One read and its chunks; false when nothing new is safely visible. */
  private async step(): Promise<boolean> {
    const { events, next } = await this.options.store.readAll({ after: this.position, limit: this.options.batchSize ?? 500, types: this.types });
    if (next === this.position) return false;
    if (events.length) await this.beforeApply(next);
    const chunks: Chunk[] =
      this.transactionPerEvent && events.length
        ? events.map((e, i) => ({ events: [e], upTo: i === events.length - 1 ? next : e.logPosition! }))
        : [{ events, upTo: next }];
    const started = Date.now();
    const attempts = this.options.maxAttempts ?? 3;
    const backoff = this.options.retryBackoffMs ?? 200;
    for (const chunk of chunks) {
      if (!this.pumping) return false;
      try {
        this.position = await withRetries(attempts, backoff, () => this.applyChunk(chunk), (e, attempt) => {
          this.lastError = String(e);
          this.logger.warn({ projection: this.name, from: this.position, attempt, err: String(e) }, 'store batch failed');
        });
      } catch (failure) {
        // Each event alone, the position moving past each good one, so only the failing ones are parked.
        for (const e of chunk.events) {
          if (!this.pumping) return false;
          try {
            if (chunk.events.length === 1) throw failure; // already tried alone
            this.position = await withRetries(attempts, backoff, () => this.applyChunk({ events: [e], upTo: e.logPosition! }));
          } catch (err) {
            this.position = await this.parkEvent(e, err, attempts);
          }
        }
        // Past the types it does not read too, as the whole chunk would have moved.
        this.position = await inProjectionBatch(this.options.dataSource, this.name, async (tx) => {
          const stored = (await readPosition(tx, this.name)) ?? START;
          const upTo = laterLogPosition(chunk.upTo, stored);
          if (upTo !== stored) await writePosition(tx, this.name, upTo);
          return upTo;
        });
      }
      for (const w of this.committed.splice(0)) w();
    }
    this.lastBatchAt = new Date();
    this.logger.debug({ projection: this.name, events: events.length, next, ms: Date.now() - started }, 'store batch applied');
    return true;
  }
}
