import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { sealsTopicOf } from '@tpm/contracts';
import { readAnchorsFromTopic, type EventStore, type SealRecord, type VerificationReport } from '@tpm/event-store';
import { createLogger } from '@tpm/logging';
import type { Kafka } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import type { ServiceConfig } from '../config/service-config';
import { EVENT_STORE, KAFKA, PG_POOL, SERVICE_CONFIG } from '../tokens';

/** finished: the report is there (its `ok` says whether history is intact); failed: it could not run. */
export type VerificationStatus = 'running' | 'finished' | 'failed' | 'abandoned';

export interface VerificationJob {
  id: string;
  status: VerificationStatus;
  requestedBy: string;
  startedAt: string;
  finishedAt: string | null;
  /** Progress: events (and sealed events) checked so far, of the total to check. */
  progress: { done: number; total: number };
  /** Where the anchors came from, or why there were none. */
  anchors: { source: string; seals: number } | { source: string; error: string } | null;
  /** The report once finished: `ok` false when history was altered. */
  report: VerificationReport | null;
  error: string | null;
}

interface JobRow {
  id: string;
  status: VerificationStatus;
  requested_by: string;
  started_at: Date;
  finished_at: Date | null;
  done: string;
  total: string;
  anchors: VerificationJob['anchors'];
  report: VerificationReport | null;
  error: string | null;
}

const SCHEMA_SQL = `
CREATE SCHEMA IF NOT EXISTS history;
CREATE TABLE IF NOT EXISTS history.verifications (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  status       text NOT NULL,
  requested_by text NOT NULL,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  done         bigint NOT NULL DEFAULT 0,
  total        bigint NOT NULL DEFAULT 0,
  anchors      jsonb,
  report       jsonb,
  error        text
);
CREATE INDEX IF NOT EXISTS verifications_started ON history.verifications (started_at DESC);
`;

/** Held (session-level) by the replica running this service's verification: one at a time. */
const LOCK = 'tpm-history-verification';
const PROGRESS_EVERY_MS = 500;

const toJob = (r: JobRow): VerificationJob => ({
  id: r.id,
  status: r.status,
  requestedBy: r.requested_by,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  progress: { done: Number(r.done), total: Number(r.total) },
  anchors: r.anchors,
  report: r.report,
  error: r.error,
});

/**
 * Verification of the whole store as a job, not inside one request: started by one replica, its
 * progress and report kept in `history.verifications` so any replica answers for it. One runs at
 * a time per service (an advisory lock held for its duration); a job whose replica died is marked
 * abandoned by the next start. The seals are checked against their anchors on `<context>.seals`.
 */
@Injectable()
export class VerificationJobs implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = createLogger('history-verification');
  private running: Promise<void> | null = null;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  async onModuleInit(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['tpm-history-schema']);
      await client.query(SCHEMA_SQL);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // The pool is closing: the running job fails or is marked abandoned by the next start.
    await this.running?.catch(() => undefined);
  }

  /** Starts a verification, or returns the one already running (`started: false`). */
  async start(requestedBy: string): Promise<{ job: VerificationJob; started: boolean }> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.pool.connect();
      let keep = false;
      try {
        const locked = (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [LOCK])).rows[0].ok;
        if (!locked) {
          const running = await this.current();
          // The holder inserts its row right after locking: look again shortly if it is not there yet.
          if (running) return { job: running, started: false };
          if (attempt >= 20) throw new Error('a verification holds the lock but has no job row');
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        await client.query(`UPDATE history.verifications SET status = 'abandoned', finished_at = now(), error = 'its service replica stopped' WHERE status = 'running'`);
        const { rows } = await client.query<JobRow>(`INSERT INTO history.verifications (status, requested_by) VALUES ('running', $1) RETURNING *`, [requestedBy]);
        keep = true;
        const job = toJob(rows[0]);
        this.running = this.run(client, job.id).finally(() => {
          this.running = null;
        });
        return { job, started: true };
      } finally {
        if (!keep) client.release();
      }
    }
  }

  async get(id: string): Promise<VerificationJob | null> {
    const { rows } = await this.pool.query<JobRow>('SELECT * FROM history.verifications WHERE id = $1', [id]);
    return rows[0] ? toJob(rows[0]) : null;
  }

  private async current(): Promise<VerificationJob | null> {
    const { rows } = await this.pool.query<JobRow>(`SELECT * FROM history.verifications WHERE status = 'running' ORDER BY started_at DESC LIMIT 1`);
    return rows[0] ? toJob(rows[0]) : null;
  }

  /** Polls the job until it is finished or `ms` passed; returns it as it is then. */
  async waitFor(id: string, ms: number): Promise<VerificationJob | null> {
    const deadline = Date.now() + ms;
    for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
      const job = await this.get(id);
      if (!job || job.status !== 'running' || Date.now() >= deadline) return job;
      await new Promise((r) => setTimeout(r, Math.min(delay, Math.max(deadline - Date.now(), 1))));
    }
  }

  /** Runs on `client`, which holds the lock until the job is done. */
  private async run(client: PoolClient, id: string): Promise<void> {
    let lastWrite = 0;
    let last = { done: 0, total: 0 };
    let pending: Promise<unknown> = Promise.resolve();
    try {
      const topic = sealsTopicOf(this.config.service);
      let anchors: SealRecord[] | undefined;
      let anchorInfo: VerificationJob['anchors'];
      try {
        anchors = await readAnchorsFromTopic(this.kafka, topic, { timeoutMs: 30_000 });
        anchorInfo = { source: topic, seals: anchors.length };
      } catch (e) {
        anchorInfo = { source: topic, error: (e as Error).message };
      }
      await client.query('UPDATE history.verifications SET anchors = $2 WHERE id = $1', [id, JSON.stringify(anchorInfo)]);
      const report = await this.store.verify({
        anchors,
        onProgress: (done, total) => {
          last = { done, total };
          if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
          lastWrite = Date.now();
          pending = pending.then(() => client.query('UPDATE history.verifications SET done = $2, total = $3 WHERE id = $1', [id, done, total])).catch(() => undefined);
        },
      });
      await pending;
      await client.query(
        `UPDATE history.verifications SET status = 'finished', finished_at = now(), done = $2, total = $3, report = $4 WHERE id = $1`,
        [id, last.done, Math.max(last.total, last.done), JSON.stringify(report)],
      );
      this.logger.info({ id, ok: report.ok, problems: report.problems.length, anchors: anchorInfo }, report.ok ? 'history verified intact' : 'history verification found problems');
    } catch (e) {
      this.logger.error({ id, err: (e as Error).message }, 'history verification failed');
      await pending;
      await client.query(`UPDATE history.verifications SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [id, (e as Error).message]).catch(() => undefined);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [LOCK]).catch(() => undefined);
      client.release();
    }
  }
}
