import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { signDevToken } from '@tpm/auth';
import { ManualClock } from '@tpm/kernel';
import { scheduleDeadline } from '@tpm/scheduler';
import { createTestDatabase, eventually, uniqueName, type TestDatabase } from '@tpm/testing';
import { configureHttp, PG_POOL } from '@tpm/service-kit';
import { TrainingModule } from './app.module';

type Labels = Record<string, string>;
interface Sample {
  name: string;
  labels: Labels;
  value: number;
}

/** The Prometheus text format, sample lines only. */
const parse = (text: string): Sample[] =>
  text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not a sample line: ${line}`);
      const labels: Labels = {};
      for (const [, k, v] of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
      return { name: m[1], labels, value: Number(m[3]) };
    });

const find = (samples: Sample[], name: string, labels: Labels = {}): Sample[] =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
/** One series' value; 0 when it does not exist yet (a counter or histogram that saw nothing). */
const value = (samples: Sample[], name: string, labels: Labels = {}): number => {
  const found = find(samples, name, labels);
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} names ${found.length} series`);
  return found[0]?.value ?? 0;
};

/**
 * One service (training) on the real PostgreSQL and Kafka: requests, an append, a deadline,
 * then a scrape of /metrics, which must count exactly what was done, by route template.
 */
describe('GET /metrics (training service, real PostgreSQL and Kafka)', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00.000Z'));
  let db: TestDatabase;
  let app: NestExpressApplication;
  let pool: Pool;
  let hr: string;
  const scrape = async () => {
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return { text: res.text, samples: parse(res.text) };
  };
  const http = (labels: Labels) => ({ name: 'tpm_http_request_duration_seconds_count', labels });

  beforeAll(async () => {
    db = await createTestDatabase('metrics_api');
    process.env.TRAINING_DATABASE_URL = db.url;
    process.env.KAFKA_TOPIC_PREFIX = `${uniqueName('metrics-it')}.`;
    process.env.TRAINING_SCHEDULER_POLL_MS = '3600000'; // the deadline below stays pending
    process.env.LOG_LEVEL = 'warn';
    app = await NestFactory.create<NestExpressApplication>(TrainingModule.forRoot(clock), { bodyParser: false, logger: false });
    configureHttp(app, { title: 'training', description: 'test' });
    await app.init();
    await new Promise<void>((resolve) => app.getHttpServer().listen(0, '127.0.0.1', () => resolve()));
    pool = app.get(PG_POOL);
    hr = await signDevToken({ sub: 'hr-1', roles: ['hr'], bu: ['*'] });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('counts requests by route template and status, never by raw URL, and leaves itself out', async () => {
    const before = (await scrape()).samples;
    const byId = http({ method: 'GET', route: '/training/programs/:programId', status: '404' });
    const unauthenticated = http({ method: 'GET', route: '/training/needs', status: '401' });
    const unmatched = http({ method: 'GET', route: 'unmatched', status: '404' });

    await request(app.getHttpServer()).get('/training/programs/P-METRICS-ID-1').set('authorization', `Bearer ${hr}`).expect(404);
    await request(app.getHttpServer()).get('/training/programs/P-METRICS-ID-2').set('authorization', `Bearer ${hr}`).expect(404);
    await request(app.getHttpServer()).get('/training/programs/P-METRICS-ID-3?asOf=2027-01-01T00:00:00Z').set('authorization', `Bearer ${hr}`).expect(404);
    await request(app.getHttpServer()).get('/training/needs').expect(401); // refused by the guard: still its route
    await request(app.getHttpServer()).get('/no-such-route/0f8a7c1e-raw-id').expect(404);
    // Refused at the edge, before any route: measured, as unmatched.
    await request(app.getHttpServer()).get('/training/programs/P-METRICS-ID-4%00').set('authorization', `Bearer ${hr}`).expect(400);

    const { text, samples } = await scrape();
    expect(value(samples, byId.name, byId.labels) - value(before, byId.name, byId.labels)).toBe(3);
    expect(value(samples, unauthenticated.name, unauthenticated.labels) - value(before, unauthenticated.name, unauthenticated.labels)).toBe(1);
    expect(value(samples, unmatched.name, unmatched.labels) - value(before, unmatched.name, unmatched.labels)).toBe(1);
    const refused = http({ method: 'GET', route: 'unmatched', status: '400' });
    expect(value(samples, refused.name, refused.labels) - value(before, refused.name, refused.labels)).toBe(1);
    // Every series names the service; no label carries an id, a query or a raw path; the scrapes are not measured.
    expect(find(samples, 'tpm_http_request_duration_seconds_count').every((s) => s.labels.service === 'training')).toBe(true);
    expect(text).not.toMatch(/P-METRICS-ID|0f8a7c1e|asOf|no-such-route/);
    expect(find(samples, 'tpm_http_request_duration_seconds_count', { route: '/metrics' })).toEqual([]);
    // The histogram's buckets are cumulative and end at the count.
    const inf = value(samples, 'tpm_http_request_duration_seconds_bucket', { ...byId.labels, le: '+Inf' });
    expect(inf).toBe(value(samples, byId.name, byId.labels));
    // The default process metrics come along.
    expect(value(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('counts the append, its flush and its relay, and shows the read side and the inbox as they are', async () => {
    const before = (await scrape()).samples;
    const program = {
      programId: 'P-METRICS',
      title: 'Metrics basics',
      competencies: ['Observability'],
      method: 'workshop',
      audienceLevel: 'staff',
      prerequisites: [],
      criteria: { minAttendanceShare: 0.5, minExamScore: null },
    };
    expect((await request(app.getHttpServer()).post('/training/programs').set('authorization', `Bearer ${hr}`).send(program).expect(201)).body).toMatchObject({
      appended: 1,
    });

    const { samples } = await scrape();
    const grew = (name: string) => value(samples, name) - value(before, name);
    expect(value(samples, 'tpm_http_request_duration_seconds_count', { method: 'POST', route: '/training/programs', status: '201' })).toBe(1);
    expect(grew('tpm_event_store_appends_total')).toBeGreaterThanOrEqual(1);
    expect(grew('tpm_event_store_events_appended_total')).toBeGreaterThanOrEqual(grew('tpm_event_store_appends_total'));
    expect(grew('tpm_event_store_flushes_total')).toBeGreaterThanOrEqual(1);
    // Every flush that wrote is one observation of its size; the sizes add up to the appends.
    expect(grew('tpm_event_store_flush_appends_count')).toBe(grew('tpm_event_store_flushes_total'));
    expect(grew('tpm_event_store_flush_appends_sum')).toBe(grew('tpm_event_store_appends_total'));
    expect(grew('tpm_event_store_flush_events_sum')).toBe(grew('tpm_event_store_events_appended_total'));

    // The relay publishes after the commit: it catches up, and its lag comes back to 0.
    await eventually(async () => {
      const now = (await scrape()).samples;
      expect(value(now, 'tpm_relay_active')).toBe(1);
      expect(value(now, 'tpm_relay_published_total')).toBeGreaterThanOrEqual(value(now, 'tpm_event_store_events_appended_total'));
      expect(value(now, 'tpm_relay_lag_events')).toBe(0);
    });

    const last = (await scrape()).samples;
    // Every projection of the service is listed per partition, none parked nor degraded.
    const projections = [...new Set(find(last, 'tpm_projection_lag').map((s) => s.labels.projection))];
    expect(projections.length).toBeGreaterThan(0);
    expect(value(last, 'tpm_projection_status_up')).toBe(1);
    for (const projection of projections) {
      expect(value(last, 'tpm_projection_parked_messages', { projection })).toBe(0);
      expect(value(last, 'tpm_projection_degraded', { projection })).toBe(0);
      expect(find(last, 'tpm_projection_state', { projection }).map((s) => s.labels.state).sort()).toEqual(['active', 'standby', 'stopped']);
    }
    expect(find(last, 'tpm_projection_lag').every((s) => s.labels.topic && /^\d+$/.test(s.labels.partition))).toBe(true);
    // The inbox (training reacts to other contexts) is reported, here with nothing dead-lettered.
    expect(find(last, 'tpm_inbox_handled_total')).toHaveLength(1);
    expect(value(last, 'tpm_inbox_dead_lettered_total')).toBe(0);
  });

  it('shows a parked message as degraded, as /health does, until it is replayed', async () => {
    const readModels = app.get(DataSource);
    const projection = 'training-appraisals';
    const park = `INSERT INTO projection_parked (projection, topic, partition, "offset", event_id, event_type, error, attempts)
                  VALUES ($1, 'performance.events', 0, 7, 'e-metrics', 'performance.AppraisalFinalized', 'poison', 3) RETURNING id`;
    const [{ id }] = await readModels.query(park, [projection]);
    let { samples } = await scrape();
    expect(value(samples, 'tpm_projection_parked_messages', { projection })).toBe(1);
    expect(value(samples, 'tpm_projection_degraded', { projection })).toBe(1);
    expect(value(samples, 'tpm_projection_degraded', { projection: 'training-read' })).toBe(0);
    const health = await request(app.getHttpServer()).get('/health').expect(200);
    expect(health.body.info.projections).toMatchObject({ degraded: [projection], parked: { [projection]: 1 } });

    await readModels.query('UPDATE projection_parked SET replayed_at = now() WHERE id = $1', [id]);
    ({ samples } = await scrape());
    expect(value(samples, 'tpm_projection_parked_messages', { projection })).toBe(0);
    expect(value(samples, 'tpm_projection_degraded', { projection })).toBe(0);
  });

  it('reads the scheduler backlog at scrape time, at the service clock', async () => {
    const kind = 'metrics-test-kind';
    const at = (iso: string, id: string) => scheduleDeadline(pool, { deadlineId: id, stream: 'metrics-test', kind, dueAt: iso, payload: {} });
    await at('2027-02-01T00:00:00.000Z', 'metrics-due'); // before the clock
    await at('2027-06-01T00:00:00.000Z', 'metrics-later'); // after it
    let { samples } = await scrape();
    expect(value(samples, 'tpm_scheduler_deadlines_pending', { kind })).toBe(2);
    expect(value(samples, 'tpm_scheduler_deadlines_due', { kind })).toBe(1);
    expect(value(samples, 'tpm_scheduler_deadlines_failing', { kind })).toBe(0);

    clock.set(new Date('2027-07-01T00:00:00.000Z'));
    ({ samples } = await scrape());
    expect(value(samples, 'tpm_scheduler_deadlines_due', { kind })).toBe(2);
    await pool.query(`UPDATE scheduler.deadlines SET cancelled_at = now() WHERE kind = $1`, [kind]);
    ({ samples } = await scrape());
    expect(find(samples, 'tpm_scheduler_deadlines_pending', { kind })).toEqual([]);
  });
});
