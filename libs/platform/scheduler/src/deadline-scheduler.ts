import type { Clock } from '@tpm/kernel';
import type { Pool, PoolClient } from 'pg';

/** Anything that runs SQL: the pool, or the transaction a caller is in. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

export interface Deadline<P = unknown> {
  /** Stable id: scheduling the same deadline twice keeps one row. */
  deadlineId: string;
  /** The stream whose state the deadline belongs to (for cancelling and auditing). */
  stream: string;
  kind: string;
  dueAt: string;
  payload: P;
}

/**
 * Fires one deadline. Runs inside the transaction that marks it fired: writes through `tx`
 * commit with the mark; appends to an event store must use ids derived from `deadlineId`
 * so that a fire whose mark was lost (crash before commit) re-appends nothing.
 */
export type DeadlineHandler = (deadline: Deadline, tx: PoolClient) => Promise<void>;

export interface DeadlineSchedulerOptions {
  pool: Pool;
  clock: Clock;
  handlers: Record<string, DeadlineHandler>;
  batchSize?: number;
  pollMs?: number;
  onError?: (error: Error, deadline: Deadline) => void;
}

export async function ensureSchedulerSchema(db: Queryable): Promise<void> {
  await db.query(`
    CREATE SCHEMA IF NOT EXISTS scheduler;
    CREATE TABLE IF NOT EXISTS scheduler.deadlines (
      deadline_id  text PRIMARY KEY,
      stream       text NOT NULL,
      kind         text NOT NULL,
      due_at       timestamptz NOT NULL,
      payload      jsonb NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      fired_at     timestamptz,
      cancelled_at timestamptz,
      attempts     int NOT NULL DEFAULT 0,
      last_error   text
    );
    CREATE INDEX IF NOT EXISTS deadlines_pending ON scheduler.deadlines (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;
    CREATE INDEX IF NOT EXISTS deadlines_stream ON scheduler.deadlines (stream);
  `);
}

/** Stores a deadline; idempotent by id. Pass the transaction that records the cause. */
export async function scheduleDeadline(db: Queryable, d: Deadline): Promise<void> {
  await db.query(
    `INSERT INTO scheduler.deadlines (deadline_id, stream, kind, due_at, payload) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (deadline_id) DO NOTHING`,
    [d.deadlineId, d.stream, d.kind, d.dueAt, JSON.stringify(d.payload)],
  );
}

/** Cancels pending deadlines that became moot: by id, or every one of a stream. */
export async function cancelDeadlines(db: Queryable, target: { deadlineIds: string[] } | { stream: string }, at: Date): Promise<number> {
  const byIds = 'deadlineIds' in target;
  const { rowCount } = await db.query(
    `UPDATE scheduler.deadlines SET cancelled_at = $2 WHERE ${byIds ? 'deadline_id = ANY($1)' : 'stream = $1'} AND fired_at IS NULL AND cancelled_at IS NULL`,
    [byIds ? target.deadlineIds : target.stream, at.toISOString()],
  );
  return rowCount ?? 0;
}

type Row = { deadline_id: string; stream: string; kind: string; due_at: Date; payload: unknown };

/**
 * Fires due deadlines exactly once, on any number of replicas: each is claimed with
 * `FOR UPDATE SKIP LOCKED`, handled, and marked fired in one transaction. A failing handler
 * rolls back its own deadline only; it is retried on the next tick.
 */
export class DeadlineScheduler {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<number> | null = null;

  constructor(private readonly options: DeadlineSchedulerOptions) {}

  async start(): Promise<void> {
    await ensureSchedulerSchema(this.options.pool);
    const loop = () => {
      this.timer = setTimeout(async () => {
        await this.tick().catch(() => undefined);
        if (this.timer) loop();
      }, this.options.pollMs ?? 1000);
    };
    loop();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking?.catch(() => undefined);
  }

  /** Fires everything due at the clock's now; returns how many fired. */
  async tick(): Promise<number> {
    while (this.ticking) await this.ticking.catch(() => undefined);
    this.ticking = this.fireDue();
    try {
      return await this.ticking;
    } finally {
      this.ticking = null;
    }
  }

  private async fireDue(): Promise<number> {
    let fired = 0;
    // A failed deadline stays pending for the next tick; this one moves on to the others.
    const failed: string[] = [];
    for (;;) {
      const outcome = await this.fireOne(failed);
      if (outcome === 'none') return fired;
      if (outcome === 'fired') fired++;
    }
  }

  private async fireOne(skip: string[]): Promise<'fired' | 'failed' | 'none'> {
    const now = this.options.clock.now();
    const client = await this.options.pool.connect();
    let deadline: Deadline | null = null;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<Row>(
        `SELECT deadline_id, stream, kind, due_at, payload FROM scheduler.deadlines
          WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= $1 AND NOT (deadline_id = ANY($2))
          ORDER BY due_at, deadline_id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now.toISOString(), skip],
      );
      if (!rows.length) {
        await client.query('COMMIT');
        return 'none';
      }
      const r = rows[0];
      deadline = { deadlineId: r.deadline_id, stream: r.stream, kind: r.kind, dueAt: new Date(r.due_at).toISOString(), payload: r.payload };
      const handler = this.options.handlers[deadline.kind];
      if (!handler) throw new Error(`No handler for deadline kind ${deadline.kind}`);
      await handler(deadline, client);
      await client.query(`UPDATE scheduler.deadlines SET fired_at = $2, attempts = attempts + 1 WHERE deadline_id = $1`, [deadline.deadlineId, now.toISOString()]);
      await client.query('COMMIT');
      return 'fired';
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (deadline) {
        skip.push(deadline.deadlineId);
        await this.options.pool
          .query(`UPDATE scheduler.deadlines SET attempts = attempts + 1, last_error = $2 WHERE deadline_id = $1`, [deadline.deadlineId, (e as Error).message.slice(0, 2000)])
          .catch(() => undefined);
        this.options.onError?.(e as Error, deadline);
      }
      return 'failed';
    } finally {
      client.release();
    }
  }
}

export interface DeadlineBacklog {
  kind: string;
  /** Pending and due at `now`: fired on the next tick unless its handler keeps failing. */
  due: number;
  /** Not fired nor cancelled yet, due or not. */
  pending: number;
  /** Due deadlines whose handler failed at least once. */
  failing: number;
}

/**
 * The pending deadlines per kind, read at the time of the call (the metrics scrape): none when
 * the service has no scheduler (its table does not exist). Uses the partial pending index.
 */
export async function deadlineBacklog(db: Queryable, now: Date): Promise<DeadlineBacklog[]> {
  const { rows } = await db.query(`SELECT to_regclass('scheduler.deadlines') IS NOT NULL AS present`);
  if (!(rows[0] as { present: boolean }).present) return [];
  const result = await db.query(
    `SELECT kind, count(*) FILTER (WHERE due_at <= $1)::int AS due, count(*)::int AS pending,
            count(*) FILTER (WHERE due_at <= $1 AND attempts > 0)::int AS failing
       FROM scheduler.deadlines WHERE fired_at IS NULL AND cancelled_at IS NULL GROUP BY kind ORDER BY kind`,
    [now.toISOString()],
  );
  return result.rows as DeadlineBacklog[];
}
