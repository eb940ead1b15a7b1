import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@tpm/event-store';
import { createTestDatabase, eventually, testKafka, type TestDatabase } from '@tpm/testing';
import type { ServiceConfig } from '../config/service-config';
import { VerificationJobs } from './verification-jobs';

// The integration project's testTimeout is not applied per project: set it here.
jest.setTimeout(60_000);

describe('whole-store verification as a job (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let jobs: VerificationJobs;
  // A context whose seals topic does not exist: the job says so and verifies without anchors.
  const config = { service: 'coaching' } as ServiceConfig;

  beforeAll(async () => {
    process.env.KAFKA_TOPIC_PREFIX = `jobs-${randomUUID().slice(0, 8)}.`;
    db = await createTestDatabase('verify_jobs');
    pool = new Pool({ connectionString: db.url, max: 6 });
    store = new PostgresEventStore({ pool });
    await store.ensureSchema();
    await Promise.all(
      Array.from({ length: 12 }, (_, s) =>
        store.append(`coachee-${s}`, Array.from({ length: 1000 }, (_, i) => ({ eventId: randomUUID(), type: 'Noted', data: { i } })), {
          expectedVersion: 'no-stream',
          metadata: { actor: { subject: 'coach-1', roles: ['coach'] }, correlationId: 'c' },
        }),
      ),
    );
    await eventually(async () => {
      await store.seal();
      expect((await store.verify()).unsealedEvents).toBe(0);
    });
    jobs = new VerificationJobs(pool, store, config, testKafka());
    await jobs.onModuleInit();
  });
  afterAll(async () => {
    await jobs?.onApplicationShutdown();
    await store?.close();
    await pool?.end();
    await db?.drop();
    delete process.env.KAFKA_TOPIC_PREFIX;
  });

  it('runs one verification at a time, with progress, and keeps its report', async () => {
    const first = await jobs.start('auditor-1');
    expect(first).toMatchObject({ started: true, job: { status: 'running', requestedBy: 'auditor-1', report: null } });
    // A second request while it runs joins the same job.
    const second = await jobs.start('admin-1');
    expect(second).toMatchObject({ started: false, job: { id: first.job.id } });

    const done = await eventually(async () => {
      const job = await jobs.get(first.job.id);
      expect(job?.status).toBe('finished');
      return job!;
    });
    expect(done.report).toMatchObject({ ok: true, eventsChecked: 12_000, problems: [] });
    expect(done.progress.done).toBe(done.progress.total);
    expect(done.progress.total).toBeGreaterThanOrEqual(12_000);
    expect(done.anchors).toMatchObject({ source: `${process.env.KAFKA_TOPIC_PREFIX}coaching.seals`, error: expect.stringContaining('does not exist') });
    expect(done.finishedAt).not.toBeNull();

    // Once finished, the next start is a new job.
    const third = await jobs.start('auditor-1');
    expect(third.started).toBe(true);
    expect(third.job.id).not.toBe(first.job.id);
    expect((await jobs.waitFor(third.job.id, 30_000))?.status).toBe('finished');
  });

  it('reports altered history in the job, and an unknown id is not found', async () => {
    await store.withClient((c) => c.query(`UPDATE es.events SET data = '{"i":-1}' WHERE stream_id = 'coachee-3' AND stream_version = 7`));
    const { job } = await jobs.start('auditor-1');
    const done = await jobs.waitFor(job.id, 30_000);
    expect(done?.status).toBe('finished');
    expect(done?.report?.ok).toBe(false);
    expect(done?.report?.problems).toContainEqual(expect.objectContaining({ kind: 'event-hash-mismatch', streamId: 'coachee-3', streamVersion: 7 }));
    expect(await jobs.get(randomUUID())).toBeNull();
  });

  it('marks a job whose replica died as abandoned when the next one starts', async () => {
    const { rows } = await pool.query(`INSERT INTO history.verifications (status, requested_by) VALUES ('running', 'ghost') RETURNING id`);
    const { job, started } = await jobs.start('auditor-1');
    expect(started).toBe(true);
    expect((await jobs.get(rows[0].id))?.status).toBe('abandoned');
    await jobs.waitFor(job.id, 30_000);
  });
});
