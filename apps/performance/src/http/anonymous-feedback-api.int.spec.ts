import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Pool } from 'pg';
import request from 'supertest';
import { signDevToken } from '@tpm/auth';
import { employeeIdFor } from '@tpm/performance-application';
import { createServiceApp } from '@tpm/service-kit';
import { createTestDatabase, uniqueName, type TestDatabase } from '@tpm/testing';

interface StoredEvent {
  position: number;
  type: string;
  stream: string;
  data: Record<string, unknown>;
  metadata: { actor: { subject: string }; correlationId: string; causationId: string | null; traceparent: string | null };
  text: string;
  occurredAt: Date;
}

/**
 * Anonymous 360 feedback over HTTP on the real PostgreSQL: the same reviewer writes named and
 * anonymous feedback with a known correlation id and trace; after the stage advance nothing stored,
 * logged or returned ties the anonymous entry to them, and the rules on who may write hold.
 */
describe('performance API: anonymous 360 feedback that cannot be linked to its author (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let pool: Pool;
  const run = randomUUID().slice(0, 8);
  const BU = `BU-${run}`;
  const SALES = `${BU}-SALES`;
  const OPS = `${BU}-OPS`;
  const CYCLE = `C-${run}`;
  const CORRELATION = randomUUID();
  const TRACEPARENT = `00-${randomUUID().replace(/-/g, '')}-${randomUUID().replace(/-/g, '').slice(0, 16)}-01`;
  const num = { boss: `M-${run}`, ana: `E-${run}`, ben: `F-${run}`, cy: `G-${run}`, dan: `H-${run}` };
  const people = {
    admin: { roles: ['admin'], bu: ['*'] },
    hr: { roles: ['hr'], bu: ['*'] },
    boss: { roles: ['manager', 'employee'], bu: ['*'], emp: num.boss },
    ana: { roles: ['employee'], bu: [], emp: num.ana },
    ben: { roles: ['employee'], bu: [], emp: num.ben },
    cy: { roles: ['employee'], bu: [], emp: num.cy },
    dan: { roles: ['employee'], bu: [], emp: num.dan },
  };
  const tokens: Record<string, string> = {};
  /** Every request carries the caller's correlation id and trace, as a browser behind a tracing proxy would. */
  const as = (who: keyof typeof people) => {
    const traced = (r: request.Test) => r.set('authorization', `Bearer ${tokens[who]}`).set('x-correlation-id', CORRELATION).set('traceparent', TRACEPARENT);
    return { get: (url: string) => traced(request(app.getHttpServer()).get(url)), post: (url: string) => traced(request(app.getHttpServer()).post(url)) };
  };
  const appraisal = (who: keyof typeof num) => `/appraisal-cycles/${CYCLE}/appraisals/${num[who]}`;
  const feedback = (relation: 'peer' | 'upward', comment: string, feedbackId = randomUUID()) => ({ feedbackId, relation, rating: 4, comment });

  /** The process's stderr, where the service's pino root logger writes (sync, fd 2): every request log line. */
  const logLines: string[] = [];
  let writeSync: jest.SpyInstance;

  const saved = { PERFORMANCE_DATABASE_URL: process.env.PERFORMANCE_DATABASE_URL, KAFKA_TOPIC_PREFIX: process.env.KAFKA_TOPIC_PREFIX, LOG_LEVEL: process.env.LOG_LEVEL, LOG_FORMAT: process.env.LOG_FORMAT };

  const events = async (): Promise<StoredEvent[]> => {
    const { rows } = await pool.query<{ position: string; type: string; stream_id: string; data: string; metadata: string; occurred_at: Date }>(
      `SELECT global_position::text AS position, type, stream_id, data, metadata, occurred_at FROM es.events ORDER BY global_position`,
    );
    return rows.map((r) => ({ position: Number(r.position), type: r.type, stream: r.stream_id, data: JSON.parse(r.data), metadata: JSON.parse(r.metadata), text: r.data + r.metadata, occurredAt: r.occurred_at }));
  };
  const feedbackEvents = async () => (await events()).filter((e) => e.type === 'PeerFeedbackSubmitted' && e.stream.startsWith(`performance-feedback-${CYCLE}-`));

  beforeAll(async () => {
    for (const [name, p] of Object.entries(people)) {
      tokens[name] = await signDevToken({ sub: name, roles: p.roles, bu: p.bu, ...('emp' in p ? { emp: employeeIdFor(p.emp) } : {}) });
    }
    db = await createTestDatabase('perf_anon');
    pool = new Pool({ connectionString: db.url, max: 2 });
    process.env.PERFORMANCE_DATABASE_URL = db.url;
    process.env.KAFKA_TOPIC_PREFIX = `${uniqueName('perf-anon')}.`;
    // Request lines at info, as JSON, so that the test reads what an operator's log would hold.
    process.env.LOG_LEVEL = 'info';
    process.env.LOG_FORMAT = 'json';
    const realWriteSync = fs.writeSync.bind(fs) as (...a: unknown[]) => number;
    writeSync = jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: unknown, ...rest: unknown[]) => {
      if (fd !== 2) return realWriteSync(fd, buffer, ...rest);
      const text = String(buffer);
      logLines.push(...text.split('\n').filter(Boolean));
      return Buffer.byteLength(text);
    }) as typeof fs.writeSync);
    const { AppModule } = await import('../app.module');
    app = await createServiceApp(AppModule, { title: 'performance', description: 'test' });
    await app.init();

    const admin = (url: string, body: object) => request(app.getHttpServer()).post(url).set('authorization', `Bearer ${tokens.admin}`).send(body).expect(201);
    await admin('/org/business-units', { businessUnitId: BU, name: 'Acme', parentId: null });
    await admin('/org/business-units', { businessUnitId: SALES, name: 'Sales', parentId: BU });
    await admin('/org/business-units', { businessUnitId: OPS, name: 'Operations', parentId: BU });
    const hire = (n: string, name: string, businessUnitId: string, manager: string | null) =>
      admin('/org/employees', { employeeNumber: n, name, businessUnitId, position: 'Rep', managerEmployeeNumber: manager, level: manager ? 'staff' : 'management' });
    await hire(num.boss, 'Boss', SALES, null);
    await hire(num.ana, 'Ana', SALES, num.boss);
    await hire(num.ben, 'Ben', SALES, num.boss);
    await hire(num.dan, 'Dan', SALES, num.boss);
    // Cy works in another unit: 360 reviewers come from anywhere, once nominated and approved.
    await hire(num.cy, 'Cy', OPS, null);
    await as('hr').post('/appraisal-cycles').send({ cycleId: CYCLE, period: '2027', businessUnitId: SALES }).expect(201);
    await as('hr').post(`/appraisal-cycles/${CYCLE}/participants`).expect(200);
    await as('hr').post(`/appraisal-cycles/${CYCLE}/stage`).send({ to: 'execution' }).expect(200);
  });

  afterAll(async () => {
    writeSync?.mockRestore();
    await app?.close();
    await pool?.end();
    await db?.drop();
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  });

  it('lets the reviewee nominate and the manager approve reviewers from any unit, and nobody else', async () => {
    await as('ana').post(`${appraisal('ana')}/reviewers`).send({ reviewerEmployeeNumber: num.ben }).expect(201);
    await as('ana').post(`${appraisal('ana')}/reviewers`).send({ reviewerEmployeeNumber: num.cy }).expect(201);
    const byColleague = await as('ben').post(`${appraisal('ana')}/reviewers`).send({ reviewerEmployeeNumber: num.dan }).expect(403);
    expect(byColleague.body.code).toBe('OUT_OF_SCOPE');
    const self = await as('ana').post(`${appraisal('ana')}/reviewers`).send({ reviewerEmployeeNumber: num.ana }).expect(422);
    expect(self.body.code).toBe('CANNOT_REVIEW_ONESELF');
    await as('boss').post(`${appraisal('ana')}/reviewers/${num.ben}/approval`).expect(200);
    await as('hr').post(`${appraisal('ana')}/reviewers/${num.cy}/approval`).expect(200);
    const never = await as('boss').post(`${appraisal('ana')}/reviewers/${num.dan}/approval`).expect(422);
    expect(never.body.code).toBe('NOMINATION_NOT_FOUND');
    await as('ana').post(`${appraisal('ana')}/reviewers/${num.ben}/approval`).expect(403);
  });

  it('takes one anonymous entry per reviewer and appraisal, only from approved nominees or direct reports, and shows none before release', async () => {
    await as('hr').post(`/appraisal-cycles/${CYCLE}/stage`).send({ to: 'review' }).expect(200);
    // Ben writes named feedback on Ana, then anonymous upward feedback on his manager, with the same trace.
    await as('ben').post(`${appraisal('ana')}/feedback`).send(feedback('peer', 'Named: solid partner')).expect(201);
    const retryKey = randomUUID();
    const held = await as('ben').post(`${appraisal('boss')}/anonymous-feedback`).send(feedback('upward', 'Anonymous: unclear priorities', retryKey)).expect(202);
    expect(held.body).toEqual({ held: true });
    expect(held.headers['x-correlation-id']).toBeUndefined();
    expect(JSON.stringify(held.body)).not.toContain(CORRELATION);
    const retried = await as('ben').post(`${appraisal('boss')}/anonymous-feedback`).send(feedback('upward', 'Anonymous: unclear priorities', retryKey)).expect(202);
    expect(retried.body).toEqual({ held: false });
    const second = await as('ben').post(`${appraisal('boss')}/anonymous-feedback`).send(feedback('upward', 'Anonymous: again')).expect(422);
    expect(second.body.code).toBe('FEEDBACK_ALREADY_GIVEN');
    expect(second.headers['x-correlation-id']).toBeUndefined();
    expect(second.body.correlationId).not.toBe(CORRELATION);
    const afterNamed = await as('ben').post(`${appraisal('ana')}/anonymous-feedback`).send(feedback('peer', 'Anonymous: twice')).expect(422);
    expect(afterNamed.body.code).toBe('FEEDBACK_ALREADY_GIVEN');
    // Cy, from another unit, approved: held. Dan, never nominated: refused. Ana does not report to Ben.
    await as('cy').post(`${appraisal('ana')}/anonymous-feedback`).send(feedback('peer', 'Anonymous: generous with time')).expect(202);
    const notNominated = await as('dan').post(`${appraisal('ana')}/anonymous-feedback`).send(feedback('peer', 'Anonymous: who am I')).expect(422);
    expect(notNominated.body.code).toBe('REVIEWER_NOT_APPROVED');
    // Express routes ignore case: so does the untraced-route check.
    const shouted = await as('dan').post(`${appraisal('ana')}/Anonymous-Feedback`.replace('/appraisal-cycles/', '/Appraisal-Cycles/')).send(feedback('peer', 'Anonymous: loud')).expect(422);
    expect(shouted.headers['x-correlation-id']).toBeUndefined();
    const notNominatedNamed = await as('dan').post(`${appraisal('ana')}/feedback`).send(feedback('peer', 'Named: who am I')).expect(422);
    expect(notNominatedNamed.body.code).toBe('REVIEWER_NOT_APPROVED');
    const notAReport = await as('ana').post(`${appraisal('ben')}/anonymous-feedback`).send(feedback('upward', 'Anonymous: not my manager')).expect(422);
    expect(notAReport.body.code).toBe('UPWARD_FEEDBACK_ONLY_FROM_REPORTS');
    const wrongRoute = await as('ben').post(`${appraisal('boss')}/feedback`).send({ ...feedback('upward', 'x'), anonymous: true }).expect(400);
    expect(wrongRoute.body.details.map((d: { field: string }) => d.field)).toEqual(['anonymous']);

    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM feedback_hold.entries WHERE cycle_id = $1`, [CYCLE]);
    expect(rows[0].n).toBe(2);
    expect((await feedbackEvents()).map((e) => e.data.anonymous)).toEqual([false]);
    const bossSeenByHr = await as('hr').get(appraisal('boss')).expect(200);
    expect(bossSeenByHr.body.peerFeedback).toEqual([]);
    const anaSeenByAna = await as('ana').get(appraisal('ana')).expect(200);
    expect(anaSeenByAna.body.peerFeedback).toEqual([expect.objectContaining({ comment: 'Named: solid partner' })]);
    expect(anaSeenByAna.body.peerFeedback[0]).not.toHaveProperty('reviewerId');
  });

  it('releases the held entries in one shuffled batch after the stage advance, with nothing of their authors, and destroys the stage key', async () => {
    await as('hr').post(`/appraisal-cycles/${CYCLE}/stage`).send({ to: 'calibration' }).expect(200);
    const all = await events();
    const advance = all.find((e) => e.type === 'AppraisalStageAdvanced' && e.data.cycleId === CYCLE && e.data.to === 'calibration')!;
    const submitted = all.filter((e) => e.type === 'PeerFeedbackSubmitted' && e.stream.startsWith(`performance-feedback-${CYCLE}-`));
    const named = submitted.filter((e) => !e.data.anonymous);
    const anonymous = submitted.filter((e) => e.data.anonymous);
    expect(named).toHaveLength(1);
    expect(anonymous).toHaveLength(2);
    expect(named[0].metadata).toMatchObject({ correlationId: CORRELATION, traceparent: TRACEPARENT, actor: { subject: 'ben' } });

    const ben = employeeIdFor(num.ben);
    const cy = employeeIdFor(num.cy);
    for (const e of anonymous) {
      expect(e.metadata).toMatchObject({ actor: { subject: 'anonymous-reviewer', roles: [] }, causationId: null, traceparent: null });
      expect(e.metadata.correlationId).not.toBe(CORRELATION);
      expect(e.data.reviewerId).toBeNull();
      for (const secret of [CORRELATION, TRACEPARENT, ben, cy, '"ben"', '"cy"']) expect(e.text).not.toContain(secret);
      expect(e.occurredAt.getTime()).toBeGreaterThanOrEqual(advance.occurredAt.getTime());
    }
    expect(new Set(anonymous.map((e) => e.metadata.correlationId)).size).toBe(2);
    // One batch after the stage advance, nowhere near the named write of the same reviewer.
    const positions = anonymous.map((e) => e.position).sort((a, b) => a - b);
    expect(positions[0]).toBeGreaterThan(advance.position);
    expect(positions[positions.length - 1] - positions[0]).toBe(positions.length - 1);
    expect(named[0].position).toBeLessThan(advance.position);

    for (const table of ['entries', 'stage_keys']) {
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM feedback_hold.${table} WHERE cycle_id = $1`, [CYCLE]);
      expect(rows[0].n).toBe(0);
    }
    // A repeated advance releases nothing twice.
    await as('hr').post(`/appraisal-cycles/${CYCLE}/stage`).send({ to: 'calibration' }).expect(200);
    expect(await feedbackEvents()).toHaveLength(3);
    const late = await as('cy').post(`${appraisal('boss')}/anonymous-feedback`).send(feedback('peer', 'Anonymous: too late')).expect(422);
    expect(late.body.code).toBe('WRONG_CYCLE_STAGE');

    // The reviewee reads what was said, never by whom; HR sees the named reviewer, and nobody for the anonymous ones.
    const mine = await as('ana').get(appraisal('ana')).expect(200);
    expect(mine.body.peerFeedback.map((f: { comment: string }) => f.comment).sort()).toEqual(['Anonymous: generous with time', 'Named: solid partner']);
    expect(JSON.stringify(mine.body.peerFeedback)).not.toContain(ben);
    const boss = await as('hr').get(appraisal('boss')).expect(200);
    expect(boss.body.peerFeedback).toEqual([expect.objectContaining({ comment: 'Anonymous: unclear priorities', reviewerId: null, anonymous: true })]);
  });

  it('wrote no request log line and no access-log row for any anonymous submission', async () => {
    const http = logLines.filter((l) => l.includes('"component":"http"'));
    // The capture works: the named write is there, with the caller's correlation id.
    expect(http.some((l) => l.includes(`${appraisal('ana')}/feedback`) && l.includes(CORRELATION))).toBe(true);
    // Nest's start-up lines name the route template (RoutesResolver, RouterExplorer): no submission.
    const startUp = (l: string) => l.includes('"context":"RoutesResolver"') || l.includes('"context":"RouterExplorer"');
    expect(logLines.filter((l) => !startUp(l) && l.toLowerCase().includes('anonymous-feedback'))).toEqual([]);
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM auth.access_log WHERE path LIKE '%anonymous-feedback%' OR correlation_id = $1`, [CORRELATION]);
    expect(rows[0].n).toBe(0);
  });
});
