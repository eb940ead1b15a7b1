import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { signDevToken } from '@tpm/auth';
import { topicOf, type AppraisalFinalized, type Envelope } from '@tpm/contracts';
import { employeeIdFor } from '@tpm/performance-application';
import { createServiceApp } from '@tpm/service-kit';
import { createTestDatabase, eventually, testKafka, uniqueName, type TestDatabase } from '@tpm/testing';

/**
 * The goals, scorecard and appraisal-cycle HTTP API in process, on a real PostgreSQL store
 * (and the real broker its relay publishes to): validation, rules, concurrency, as-of.
 */
describe('performance API: goals, scorecards and appraisal cycles (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  const run = randomUUID().slice(0, 8);
  const BU = `BU-${run}`;
  const SALES = `${BU}-SALES`;
  const PERIOD = '2027';
  const tokens: Record<string, string> = {};
  /** Requests as someone: `as('hr')`, `as('employee', 'E-1')`. Tokens are real dev-mode JWTs. */
  const as = (who: keyof typeof people | string) => {
    const auth = `Bearer ${tokens[who]}`;
    const server = () => request(app.getHttpServer());
    return {
      get: (url: string) => server().get(url).set('authorization', auth),
      post: (url: string) => server().post(url).set('authorization', auth),
    };
  };
  const people = {
    admin: { roles: ['admin'], bu: ['*'] },
    hr: { roles: ['hr'], bu: ['*'] },
    executive: { roles: ['executive'], bu: ['*'] },
    boss: { roles: ['manager', 'employee'], bu: ['*'], emp: `M-${run}` },
    ana: { roles: ['employee'], bu: [], emp: `E-${run}` },
    ben: { roles: ['employee'], bu: [], emp: `F-${run}` },
    outsider: { roles: ['manager'], bu: ['BU-ELSEWHERE'], emp: `X-${run}` },
    auditor: { roles: ['auditor'], bu: ['*'] },
  };
  const api = () => as('admin');

  const savedEnv = { PERFORMANCE_DATABASE_URL: process.env.PERFORMANCE_DATABASE_URL, KAFKA_TOPIC_PREFIX: process.env.KAFKA_TOPIC_PREFIX };

  beforeAll(async () => {
    for (const [name, p] of Object.entries(people)) {
      tokens[name] = await signDevToken({ sub: name, roles: p.roles, bu: p.bu, ...('emp' in p ? { emp: employeeIdFor(p.emp) } : {}) });
    }
    db = await createTestDatabase('perf_api');
    process.env.PERFORMANCE_DATABASE_URL = db.url;
    // Own topics and consumer groups: this suite's service and other suites' never meet.
    process.env.KAFKA_TOPIC_PREFIX = `${uniqueName('perf-api')}.`;
    // The module reads its configuration when it is imported: after the database is chosen.
    const { AppModule } = await import('../app.module');
    app = await createServiceApp(AppModule, { title: 'performance', description: 'test' });
    await app.init();

    await api().post('/org/business-units').send({ businessUnitId: BU, name: 'Acme', parentId: null });
    await api().post('/org/business-units').send({ businessUnitId: SALES, name: 'Sales', parentId: BU }).expect(201);
    await api().post('/org/employees').send({ employeeNumber: `M-${run}`, name: 'Boss', businessUnitId: SALES, position: 'Head', managerEmployeeNumber: null, level: 'management' }).expect(201);
    await api().post('/org/employees').send({ employeeNumber: `E-${run}`, name: 'Ana', businessUnitId: SALES, position: 'Rep', managerEmployeeNumber: `M-${run}`, level: 'staff' }).expect(201);
    await api().post('/org/employees').send({ employeeNumber: `F-${run}`, name: 'Ben', businessUnitId: SALES, position: 'Rep', managerEmployeeNumber: `M-${run}`, level: 'staff' }).expect(201);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    // Jest reuses this worker for other files: leave the environment as found.
    for (const [k, v] of Object.entries(savedEnv)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  });

  const scorecard = `/scorecards/E-${run}/${PERIOD}`;

  it('sets a strategic goal, cascades it, and assigns an objective under it', async () => {
    await as('executive').post('/goals').send({ goalId: `G-${run}`, period: PERIOD, title: 'Grow revenue 10%' }).expect(201);
    await api().post(`/goals/G-${run}/cascades`).send({ goalId: `G-${run}-S`, businessUnitId: SALES, title: 'Sales grows 15%' }).expect(201);
    await api().post(`${scorecard}/objectives`).send({ objectiveId: 'O-REV', title: 'New revenue', weight: 60, parentGoalId: `G-${run}-S` }).expect(201);
    await api()
      .post(`${scorecard}/objectives/O-REV/indicators`)
      .send({ indicatorId: 'K-REV', name: 'Revenue', target: 200, unit: 'kEUR', method: { kind: 'linear-ratio' } })
      .expect(201);
    const tree = await api().get('/goals/alignment').query({ period: PERIOD }).expect(200);
    const root = tree.body.roots.find((g: { goalId: string }) => g.goalId === `G-${run}`);
    expect(root.children[0]).toMatchObject({ goalId: `G-${run}-S`, objectives: [{ objectiveId: 'O-REV' }] });
  });

  it('shows an objective serving no goal as an orphan of the alignment tree', async () => {
    await api().post(`${scorecard}/objectives`).send({ objectiveId: 'O-PET', title: 'Pet project', weight: 10, parentGoalId: null }).expect(201);
    const tree = await api().get('/goals/alignment').query({ period: PERIOD }).expect(200);
    expect(tree.body.orphans).toContainEqual(expect.objectContaining({ objectiveId: 'O-PET' }));
  });

  it('refuses malformed input with a 400 naming each field, and writes nothing', async () => {
    const stream = (await api().get(scorecard).expect(200)).body;
    const before = stream.version;
    const bad = await api().post(`${scorecard}/objectives`).send({ objectiveId: 'has space', title: '', weight: 'heavy', colour: 'red' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['colour', 'objectiveId', 'title', 'weight']);
    const method = await api()
      .post(`${scorecard}/objectives/O-REV/indicators`)
      .send({ indicatorId: 'K-2', name: 'x', target: 1, unit: 'u', method: { kind: 'threshold-bands' } })
      .expect(400);
    expect(method.body.details.map((d: { field: string }) => d.field)).toEqual(['method.bands']);
    await api().post(`${scorecard}/objectives/O-REV/indicators`).send({ indicatorId: 'K-3', name: 'x', target: 1, unit: 'u', method: { kind: 'guess' } }).expect(400);
    await api().post(`${scorecard}/objectives/O-REV/progress`).send({ month: '2027-13', actual: 1, comment: '' }).expect(400);
    await api().get(scorecard).query({ asOf: 'last tuesday' }).expect(400);
    await api().post('/scorecards/E-1/20xx/objectives').send({ objectiveId: 'O', title: 't', weight: 1 }).expect(400);
    expect((await api().get(scorecard).expect(200)).body.version).toBe(before);
  });

  it('refuses a broken rule with a 422 naming it, and writes nothing', async () => {
    const before = (await api().get(scorecard)).body.version;
    const over = await api().post(`${scorecard}/objectives`).send({ objectiveId: 'O-BIG', title: 'Too heavy', weight: 40, parentGoalId: null }).expect(422);
    expect(over.body).toMatchObject({ code: 'WEIGHTS_EXCEED_100', details: { total: 110 } });
    const zero = await api()
      .post(`${scorecard}/objectives/O-REV/indicators`)
      .send({ indicatorId: 'K-ZERO', name: 'x', target: 0, unit: 'u', method: { kind: 'linear-ratio' } })
      .expect(400);
    expect(zero.body.code).toBe('SCORING_METHOD_INVALID');
    const sum = await api().post(`${scorecard}/weights`).send({ weights: [{ objectiveId: 'O-REV', weight: 60 }, { objectiveId: 'O-PET', weight: 30 }] }).expect(422);
    expect(sum.body.code).toBe('WEIGHTS_MUST_SUM_TO_100');
    const goal = await api().post(`${scorecard}/objectives`).send({ objectiveId: 'O-X', title: 'x', weight: 1, parentGoalId: 'G-NOPE' }).expect(422);
    expect(goal.body.code).toBe('PARENT_GOAL_NOT_FOUND');
    expect((await api().get(scorecard)).body.version).toBe(before);
  });

  it('refuses to cascade a unit goal outside its unit subtree with a 422, and writes nothing', async () => {
    const OPS = `${BU}-OPS`;
    await api().post('/org/business-units').send({ businessUnitId: OPS, name: 'Operations', parentId: BU }).expect(201);
    const outside = await api().post(`/goals/G-${run}-S/cascades`).send({ goalId: `G-${run}-S-OPS`, businessUnitId: OPS, title: 'Ops sells more' }).expect(422);
    expect(outside.body).toMatchObject({ code: 'GOAL_CASCADE_OUTSIDE_PARENT_UNIT', details: { businessUnitId: OPS, parentBusinessUnitId: SALES } });
    await api().get(`/goals/G-${run}-S-OPS`).expect(404);
  });

  it('answers 409 to concurrent edits of one scorecard, and keeps exactly the writes it acknowledged', async () => {
    const card = `/scorecards/E-${run}/2028`;
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => api().post(`${card}/objectives`).send({ objectiveId: `O-${i}`, title: `Objective ${i}`, weight: 5, parentGoalId: null })),
    );
    const statuses = attempts.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(409);
    const conflict = attempts.find((r) => r.status === 409)!;
    expect(conflict.body.code).toBe('CONCURRENCY_CONFLICT');
    const { body } = await api().get(card).expect(200);
    expect(body.objectives).toHaveLength(statuses.filter((s) => s === 201).length);
  });

  it('serves the scorecard as it was before a weight adjustment (asOf)', async () => {
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await api().post(`${scorecard}/weights`).send({ weights: [{ objectiveId: 'O-REV', weight: 70 }, { objectiveId: 'O-PET', weight: 30 }] }).expect(200);
    const now = await api().get(scorecard).expect(200);
    expect(now.body.objectives.map((o: { weight: number }) => o.weight)).toEqual([70, 30]);
    const then = await api().get(scorecard).query({ asOf: before }).expect(200);
    expect(then.body).toMatchObject({ asOf: before, totalWeight: 70 });
    expect(then.body.objectives.map((o: { weight: number }) => o.weight)).toEqual([60, 10]);
  });

  it('runs the cycle stages one way only, each refusal a 422 that names the rule', async () => {
    const cycleId = `C-${run}`;
    await api().post('/appraisal-cycles').send({ cycleId, period: PERIOD, businessUnitId: SALES }).expect(201);
    const enrolled = await api().post(`/appraisal-cycles/${cycleId}/participants`).expect(200);
    expect(enrolled.body).toMatchObject({ enrolled: 3, participants: 3 });
    const skip = await api().post(`/appraisal-cycles/${cycleId}/stage`).send({ to: 'review' }).expect(422);
    expect(skip.body.code).toBe('STAGE_CANNOT_BE_SKIPPED');
    await api().post(`/appraisal-cycles/${cycleId}/stage`).send({ to: 'execution' }).expect(200);
    const back = await api().post(`/appraisal-cycles/${cycleId}/stage`).send({ to: 'planning' }).expect(422);
    expect(back.body.code).toBe('STAGE_CANNOT_GO_BACK');
    await api().post(`/appraisal-cycles/${cycleId}/stage`).send({ to: 'sideways' }).expect(400);
    const early = await api().post(`/appraisal-cycles/${cycleId}/finalization`).expect(422);
    expect(early.body.code).toBe('NO_FINALIZATION_BEFORE_CALIBRATION');
    const bands = await api().post('/appraisal-cycles').send({ cycleId: `${cycleId}-B`, period: PERIOD, businessUnitId: SALES, bands: [{ name: 'ok', from: 10 }] }).expect(400);
    expect(bands.body.code).toBe('SCORING_METHOD_INVALID');
    await api().get(`/appraisal-cycles/NOPE-${run}`).expect(404);
  });

  it('answers 401 without a token, 403 without the role or outside the caller units, and writes nothing', async () => {
    const before = (await api().get(scorecard)).body.version;
    await request(app.getHttpServer()).get(scorecard).expect(401);
    const role = await as('ana').post('/appraisal-cycles').send({ cycleId: `C-${run}-X`, period: PERIOD, businessUnitId: SALES }).expect(403);
    expect(role.body.code).toBe('ROLE_REQUIRED');
    const scope = await as('outsider').post(`${scorecard}/objectives`).send({ objectiveId: 'O-OUT', title: 'x', weight: 1, parentGoalId: null }).expect(403);
    expect(scope.body.code).toBe('OUT_OF_SCOPE');
    await as('ben').get(scorecard).expect(403);
    await as('ana').get(scorecard).expect(200);
    expect((await api().get(scorecard)).body.version).toBe(before);
  });

  it('takes an appraisal from review to sign-off and publishes AppraisalFinalized with the contract payload', async () => {
    const cycleId = `C-${run}`;
    const appraisal = (n: string) => `/appraisal-cycles/${cycleId}/appraisals/${n}`;
    const ana = employeeIdFor(`E-${run}`);
    await as('hr')
      .post(`${scorecard}/objectives/O-PET/indicators`)
      .send({ indicatorId: 'K-PET', name: 'Shipped', target: 1, unit: 'done', method: { kind: 'milestone' } })
      .expect(201);
    await as('hr').post(`/appraisal-cycles/${cycleId}/stage`).send({ to: 'review' }).expect(200);

    const notHers = await as('boss').post(`${appraisal(`E-${run}`)}/self-assessment`).send({ comment: 'Ana was great' }).expect(422);
    expect(notHers.body.code).toBe('ONLY_THE_EMPLOYEE_SELF_ASSESSES');
    await as('ana').post(`${appraisal(`E-${run}`)}/self-assessment`).send({ comment: 'Strong year', ratings: [{ competency: 'negotiation', rating: 3 }] }).expect(201);
    const assessment = {
      results: [
        { indicatorId: 'K-REV', actual: 150 },
        { indicatorId: 'K-PET', actual: 1 },
      ],
      competencies: [{ competency: 'negotiation', rating: 2, requiredLevel: 4 }],
      potential: 'high',
      comment: 'Good',
    };
    await as('ana').post(`${appraisal(`E-${run}`)}/manager-assessment`).send(assessment).expect(403);
    const outOfScale = await as('boss')
      .post(`${appraisal(`E-${run}`)}/manager-assessment`)
      .send({ ...assessment, results: [assessment.results[0], { indicatorId: 'K-PET', actual: 2 }] })
      .expect(422);
    expect(outOfScale.body.code).toBe('SCORE_OUTSIDE_SCALE');
    // Revenue 150/200 = 75 (weight 70), milestone done = 100 (weight 30): 82.5, band meets.
    await as('boss').post(`${appraisal(`E-${run}`)}/manager-assessment`).send(assessment).expect(201);
    const notReady = await as('boss').post(`${appraisal(`F-${run}`)}/manager-assessment`).send(assessment).expect(422);
    expect(notReady.body.code).toBe('SCORECARD_NOT_READY');
    // Only nominated and approved reviewers give peer feedback; anonymous entries are held until review ends.
    await as('ana').post(`${appraisal(`E-${run}`)}/reviewers`).send({ reviewerEmployeeNumber: `F-${run}` }).expect(201);
    await as('boss').post(`${appraisal(`E-${run}`)}/reviewers/F-${run}/approval`).expect(200);
    await as('ben').post(`${appraisal(`E-${run}`)}/anonymous-feedback`).send({ feedbackId: randomUUID(), relation: 'peer', rating: 4, comment: 'Helpful' }).expect(202);

    await as('hr').post(`/appraisal-cycles/${cycleId}/stage`).send({ to: 'calibration' }).expect(200);
    const distribution = await as('hr').get(`/appraisal-cycles/${cycleId}/distribution`).expect(200);
    expect(distribution.body.businessUnits).toEqual([{ businessUnitId: SALES, total: 1, bands: { unsatisfactory: 0, below: 0, meets: 1, exceeds: 0 } }]);
    const noReason = await as('hr').post(`${appraisal(`E-${run}`)}/calibration`).send({ toBand: 'exceeds', reason: ' ' }).expect(400);
    expect(noReason.body.code).toBe('CALIBRATION_REASON_REQUIRED');
    await as('hr').post(`${appraisal(`E-${run}`)}/calibration`).send({ toBand: 'exceeds', reason: 'Top deal of the year' }).expect(200);

    await as('hr').post(`/appraisal-cycles/${cycleId}/stage`).send({ to: 'feedback' }).expect(200);
    const report = await as('hr').post(`/appraisal-cycles/${cycleId}/finalization`).expect(200);
    expect(report.body).toMatchObject({ finalized: 1, alreadyFinal: 0 });
    expect(report.body.notAssessed.sort()).toEqual([employeeIdFor(`F-${run}`), employeeIdFor(`M-${run}`)].sort());

    const expected: AppraisalFinalized['data'] = {
      appraisalId: `${cycleId}:${ana}`,
      cycleId,
      employeeId: ana,
      businessUnitId: SALES,
      managerId: employeeIdFor(`M-${run}`),
      period: PERIOD,
      score: 82.5,
      ratingBand: 'exceeds',
      ratingBandRank: 4,
      competencyGaps: [{ competency: 'negotiation', currentLevel: 2, requiredLevel: 4, gap: 2 }],
      indicators: [
        { objectiveId: 'O-REV', indicatorId: 'K-REV', score: 75 },
        { objectiveId: 'O-PET', indicatorId: 'K-PET', score: 100 },
      ],
      potential: 'high',
      finalizedAt: expect.any(String) as unknown as string,
    };
    const consumer = testKafka().consumer({ groupId: uniqueName('appraisal-finalized-check') });
    const published: Envelope[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topicOf('performance')], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const e = JSON.parse(String(message.value)) as Envelope;
        if (e.streamId === `performance-appraisal-${cycleId}-${ana}`) published.push(e);
      },
    });
    try {
      await eventually(() => expect(published.map((e) => e.type)).toContain('performance.AppraisalFinalized'), { timeoutMs: 30_000, intervalMs: 200 });
    } finally {
      await consumer.disconnect();
    }
    const finalized = published.find((e) => e.type === 'performance.AppraisalFinalized')!;
    expect(finalized).toMatchObject({ schemaVersion: 2, context: 'performance', businessUnitId: SALES, actor: { subject: 'hr' } });
    expect(finalized.data).toEqual(expected);

    await as('ana').post(`${appraisal(`E-${run}`)}/acknowledgement`).expect(200);
    const mine = await as('ana').get(appraisal(`E-${run}`)).expect(200);
    expect(mine.body).toMatchObject({
      finalBand: 'exceeds',
      response: { status: 'acknowledged' },
      calibrations: [{ fromBand: 'meets', toBand: 'exceeds' }],
      competencyGaps: [{ competency: 'negotiation', gap: 2 }],
      nineBox: { performance: 'high', potential: 'high' },
    });
    expect(mine.body.peerFeedback).toEqual([expect.not.objectContaining({ reviewerId: expect.anything() })]);

    const whatIf = await as('hr').post(`/appraisal-cycles/${cycleId}/what-if`).send({ weights: { 'O-REV': 50, 'O-PET': 50 }, rulesVersion: 2 }).expect(200);
    expect(whatIf.body.outcomes).toEqual([{ employeeId: ana, before: 82.5, after: 87.5, delta: 5, bandBefore: 'exceeds', bandAfter: 'meets' }]);
    await as('hr').post(`/appraisal-cycles/${cycleId}/what-if`).send({ weights: { 'O-REV': 'lots' } }).expect(400);
    // What-if writes nothing, so a read-only auditor may run it; any real write stays refused.
    const audited = await as('auditor').post(`/appraisal-cycles/${cycleId}/what-if`).send({ weights: { 'O-REV': 50, 'O-PET': 50 }, rulesVersion: 2 }).expect(200);
    expect(audited.body.outcomes).toEqual(whatIf.body.outcomes);
    const refused = await as('auditor').post(`/appraisal-cycles/${cycleId}/stage`).send({}).expect(403);
    expect(refused.body.code).toBe('AUDITOR_READ_ONLY');
  });

  it('refuses to change a scorecard once its cycle has reached review with a 422, and writes nothing', async () => {
    // The cycle of the sign-off test is in feedback now.
    const before = (await api().get(scorecard)).body.version;
    const reweigh = await api().post(`${scorecard}/weights`).send({ weights: [{ objectiveId: 'O-REV', weight: 50 }, { objectiveId: 'O-PET', weight: 50 }] }).expect(422);
    expect(reweigh.body).toMatchObject({ code: 'SCORECARD_FROZEN', details: { period: PERIOD, stage: 'feedback' } });
    const add = await api().post(`${scorecard}/objectives`).send({ objectiveId: 'O-LATE', title: 'Late', weight: 1, parentGoalId: null }).expect(422);
    expect(add.body.code).toBe('SCORECARD_FROZEN');
    expect((await api().get(scorecard)).body.version).toBe(before);
    // Progress is still reported until the cycle closes.
    await as('ana').post(`${scorecard}/objectives/O-REV/progress`).send({ month: '2027-11', actual: 180, comment: 'late deal' }).expect(201);
  });
});
