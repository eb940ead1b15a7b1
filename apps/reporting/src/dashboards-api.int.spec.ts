import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { signDevToken } from '@tpm/auth';
import { topicOf, type Envelope } from '@tpm/contracts';
import { configureHttp, PG_POOL } from '@tpm/service-kit';
import { createTestDatabase, eventually, testKafka, uniqueName, type TestDatabase } from '@tpm/testing';
import type { Pool } from 'pg';
import { randomUUID } from 'node:crypto';

// Not @tpm/reporting-projections' fixture: that lib names its topics when it loads, and this test
// must set KAFKA_TOPIC_PREFIX before the app (and so the lib) is loaded.
const perfEvent = (type: string, streamId: string, data: object, o: { businessUnitId?: string; occurredAt?: string; schemaVersion?: number } = {}): Envelope => {
  const at = o.occurredAt ?? new Date().toISOString();
  return {
    eventId: randomUUID(), type: `performance.${type}`, schemaVersion: o.schemaVersion ?? 1, context: 'performance', streamId, streamVersion: 1, position: 0,
    occurredAt: at, recordedAt: at, actor: { subject: 'user:test', roles: ['hr'] }, businessUnitId: o.businessUnitId ?? null, correlationId: randomUUID(),
    causationId: null, traceparent: null, data: data as Envelope['data'],
  };
};

/**
 * The analyst API over the reporting service as it runs: events put on its (namespaced) topics,
 * its own projection runners, the real guard. Scope, bad filters, paging, CSV and the audit of reads.
 */
describe('reporting dashboards API (real PostgreSQL, real Kafka)', () => {
  let db: TestDatabase;
  let app: NestExpressApplication;
  let pool: Pool;
  const tokens: Record<string, string> = {};
  const as = (who: string) => (url: string) => request(app.getHttpServer()).get(url).set('authorization', `Bearer ${tokens[who]}`);
  const perf = perfEvent;
  const T0 = '2026-01-05T09:00:00.000Z';

  const unit = (u: string, parent: string | null) => perf('BusinessUnitRegistered', `bu-${u}`, { businessUnitId: u, name: `Unit ${u}`, parentId: parent, at: T0 }, { businessUnitId: u, occurredAt: T0 });
  const onboard = (e: string, u: string) =>
    perf('EmployeeOnboarded', `employee-${e}`, { employeeId: e, employeeNumber: `N-${e}`, name: `Person ${e}`, businessUnitId: u, position: 'analyst', managerId: 'boss', level: 'staff', at: T0 }, { businessUnitId: u, occurredAt: T0 });
  const finalized = (e: string, u: string, band: string, rank: number, score: number) =>
    perf(
      'AppraisalFinalized',
      `appraisal-${e}`,
      { appraisalId: `ap-${e}`, cycleId: 'C1', employeeId: e, businessUnitId: u, managerId: 'boss', period: '2026', score, ratingBand: band, ratingBandRank: rank, competencyGaps: [], indicators: [], potential: 'medium', finalizedAt: T0 },
      { schemaVersion: 2, businessUnitId: u },
    );

  beforeAll(async () => {
    db = await createTestDatabase('reporting_api');
    process.env.REPORTING_DATABASE_URL = db.url;
    process.env.KAFKA_TOPIC_PREFIX = `${uniqueName('reporting-it')}.`;
    process.env.LOG_LEVEL = 'warn';
    const { AppModule } = await import('./app.module');
    app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, logger: false });
    configureHttp(app, { title: 'reporting', description: 'test' });
    await app.init();
    await new Promise<void>((resolve) => app.getHttpServer().listen(0, '127.0.0.1', () => resolve()));
    pool = app.get(PG_POOL);
    tokens.hrAll = await signDevToken({ sub: 'user:hr-all', roles: ['hr'], bu: ['*'] });
    tokens.managerA = await signDevToken({ sub: 'user:mgr-a', roles: ['manager'], bu: ['A'] });
    tokens.employee = await signDevToken({ sub: 'user:e-a1', roles: ['employee'], bu: [], emp: 'a1' });
    tokens.trainer = await signDevToken({ sub: 'user:trainer', roles: ['trainer'], bu: ['*'] });

    // ROOT ─┬─ A ── A2   (a1, a2 in A; a3 in A2)
    //       └─ B         (b1..b150)
    const history: Envelope[] = [unit('ROOT', null), unit('A', 'ROOT'), unit('A2', 'A'), unit('B', 'ROOT'), onboard('a1', 'A'), onboard('a2', 'A'), onboard('a3', 'A2')];
    history.push(finalized('a1', 'A', 'exceeds', 3, 90), finalized('a2', 'A', 'meets', 2, 70), finalized('a3', 'A2', 'below', 1, 40));
    for (let i = 1; i <= 150; i++) history.push(onboard(`b${i}`, 'B'), finalized(`b${i}`, 'B', 'meets', 2, 60 + (i % 10)));
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: topicOf('performance'), messages: history.map((e) => ({ key: e.streamId, value: JSON.stringify(e) })) });
    await producer.disconnect();
    await eventually(async () => expect((await as('hrAll')('/dashboards/performance/distribution?cycleId=C1')).body.total).toBe(153), { timeoutMs: 60_000, intervalMs: 300 });
    await eventually(async () => expect((await as('hrAll')('/dashboards/org/units?unit=ROOT')).body.total).toBe(153), { timeoutMs: 60_000, intervalMs: 300 });
    // Every projection caught up (not only the two above): the timeline and the others may lag on a loaded machine.
    tokens.admin = await signDevToken({ sub: 'user:admin', roles: ['admin'], bu: ['*'] });
    await eventually(
      async () => {
        const status = (await as('admin')('/projections')).body as { projection: string; partitions: { lag: string | null }[] }[];
        expect(status.filter((p) => p.partitions.some((x) => x.lag !== '0')).map((p) => p.projection)).toEqual([]);
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('shows a manager only their subtree, whether they name it or not, and refuses a unit outside it', async () => {
    const mine = await as('managerA')('/dashboards/performance/distribution?cycleId=C1');
    expect(mine.status).toBe(200);
    expect(mine.body.bands.map((b: { band: string; appraisals: number }) => [b.band, b.appraisals])).toEqual([
      ['exceeds', 1],
      ['meets', 1],
      ['below', 1],
    ]);
    expect((await as('managerA')('/dashboards/performance/distribution?cycleId=C1&unit=A2')).body.total).toBe(1);
    const refused = await as('managerA')('/dashboards/performance/distribution?unit=B');
    expect([refused.status, refused.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    expect((await as('managerA')('/dashboards/org/units')).body.items.map((u: { businessUnitId: string; subtreeHeadcount: number }) => [u.businessUnitId, u.subtreeHeadcount])).toEqual([
      ['A', 3],
      ['A2', 1],
    ]);
    expect((await as('managerA')('/dashboards/performance/heatmap?unit=A&cycleId=C1')).body.items.map((c: { businessUnitId: string }) => c.businessUnitId).sort()).toEqual(['A', 'A', 'A2']);
  });

  it('answers 400 naming the filter for malformed or unknown filters, and 404 for an unknown unit', async () => {
    for (const [url, field] of [
      ['/dashboards/performance/distribution?asOf=yesterday', 'asOf'],
      ['/dashboards/performance/distribution?period=last-year', 'period'],
      ['/dashboards/performance/appraisals?limit=100000', 'limit'],
      ['/dashboards/performance/appraisals?sort=salary', 'sort'],
      ['/dashboards/training?colour=red', 'colour'],
      ['/dashboards/performance/trend?unit=%27%3B%20drop', 'unit'],
      ['/dashboards/performance/trend?from=2027-01-01&to=2026-01-01', 'to must be after from'],
      ['/dashboards/employees/a1/timeline?from=2027-01-01&to=2027-01-01', 'to must be after from'],
    ]) {
      const r = await as('hrAll')(url);
      expect([url, r.status, JSON.stringify(r.body)]).toEqual([url, 400, expect.stringContaining(field)]);
    }
    expect((await as('hrAll')('/dashboards/performance/distribution?unit=NOPE')).status).toBe(404);
    expect((await as('trainer')('/dashboards/performance/distribution')).status).toBe(403);
  });

  it('pages and sorts the appraisal rows, and streams all of them as CSV in the same order', async () => {
    const page = await as('hrAll')('/dashboards/performance/appraisals?cycleId=C1&sort=score&order=desc&limit=2&offset=1');
    expect([page.body.total, page.body.items.map((r: { employee_id: string }) => r.employee_id)]).toEqual([153, ['a2', 'b99']]); // 90, 70, then the 69s by appraisal id, descending as the sort ('ap-b99' is the greatest)
    const csv = await as('hrAll')('/dashboards/performance/appraisals?cycleId=C1&sort=score&order=desc').set('accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('appraisal_id,cycle_id,period,employee_id,business_unit_id,manager_id,score,rating_band,rating_band_rank,potential,goal_attainment,competency_gap_count,finalized_at');
    expect(lines).toHaveLength(154);
    expect(lines[1].split(',').slice(3, 5)).toEqual(['a1', 'A']);
    // A manager's export holds their units' rows only.
    const theirs = (await as('managerA')('/dashboards/performance/appraisals?format=csv')).text.trim().split('\n');
    expect(theirs.slice(1).map((l) => l.split(',')[4]).sort()).toEqual(['A', 'A', 'A2']);
    const panel = await as('hrAll')('/dashboards/performance/distribution?cycleId=C1&format=csv');
    expect(panel.text.split('\n')[0]).toBe('band,rank,appraisals,sharePercent,meanScore,meanGoalAttainment');
  });

  it('records every export in the access log, with its filters', async () => {
    await as('managerA')('/dashboards/performance/appraisals?format=csv&cycleId=C1');
    const { rows } = await pool.query(`SELECT subject, resource, query FROM auth.access_log WHERE subject = 'user:mgr-a' AND resource = 'reporting.performance.appraisals' ORDER BY id DESC LIMIT 1`);
    expect(rows[0]).toEqual({ subject: 'user:mgr-a', resource: 'reporting.performance.appraisals', query: expect.objectContaining({ format: 'csv', cycleId: 'C1' }) });
  });

  it('shows a timeline to the employee and to a manager of their unit, not to another employee or outside the unit', async () => {
    await eventually(async () => expect((await as('employee')('/dashboards/employees/a1/timeline')).body.items?.length).toBe(2));
    const own = await as('employee')('/dashboards/employees/a1/timeline');
    expect(own.body.items.map((i: { type: string }) => i.type)).toEqual(['EmployeeOnboarded', 'AppraisalFinalized']);
    expect(JSON.stringify(own.body)).not.toContain('Person a1');
    expect((await as('managerA')('/dashboards/employees/a3/timeline')).status).toBe(200);
    expect((await as('employee')('/dashboards/employees/a2/timeline')).status).toBe(403);
    expect((await as('managerA')('/dashboards/employees/b1/timeline')).status).toBe(403);
    expect((await as('hrAll')('/dashboards/employees/nobody/timeline')).status).toBe(404);
  });
});
