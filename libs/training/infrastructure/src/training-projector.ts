import { START, type EventStore, type RecordedEvent } from '@tpm/event-store';
import type { Pool, PoolClient } from 'pg';
import { ensureTrainingReadSchema } from './training-read.schema';
import { projectTrainingEvent } from './training-read.projection';

/** A step the training process takes when one of its own events is recorded (see training.policies.ts). */
export type Policy = (event: RecordedEvent, tx: PoolClient) => Promise<void>;

export interface TrainingProjectorOptions {
  store: EventStore;
  pool: Pool;
  policy: Policy;
  name?: string;
  batchSize?: number;
  pollMs?: number;
  onError?: (error: Error) => void;
}

/**
 * Feeds the read tables and the process policies from the service's own store, in the store's
 * commit-safe order (no skipped late commits). Each batch, its policies' local writes and the
 * checkpoint commit together; policies append with ids derived from the source event, so a
 * batch replayed after a crash appends nothing twice. The transaction-scoped advisory lock
 * lets N replicas run it: one batch at a time.
 */
export class TrainingProjector {
  private readonly name: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(private readonly options: TrainingProjectorOptions) {
    this.name = options.name ?? 'training-read';
  }

  async start(): Promise<void> {
    await ensureTrainingReadSchema(this.options.pool);
    const loop = () => {
      this.timer = setTimeout(async () => {
        await this.catchUp().catch((e) => this.options.onError?.(e as Error));
        if (this.timer) loop();
      }, this.options.pollMs ?? 200);
    };
    loop();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Processes batches until nothing new is visible; returns the number of events handled. */
  async catchUp(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = (async () => {
      let total = 0;
      for (;;) {
        const n = await this.batch();
        total += n;
        if (n === 0) return total;
      }
    })();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async batch(): Promise<number> {
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`projector:${this.name}`]);
      const { rows } = await client.query<{ position: string }>('SELECT position FROM training_read.checkpoints WHERE name = $1', [this.name]);
      const after = rows[0]?.position ?? START;
      const { events, next } = await this.options.store.readAll({ after, limit: this.options.batchSize ?? 200 });
      for (const e of events) {
        await projectTrainingEvent(e, client);
        await this.options.policy(e, client);
      }
      if (next !== after) {
        await client.query(
          `INSERT INTO training_read.checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position`,
          [this.name, next],
        );
      }
      await client.query('COMMIT');
      return events.length;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }
}
