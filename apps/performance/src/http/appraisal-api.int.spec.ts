import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { INBOX_CONSUMER, type InboxConsumer } from '@tpm/messaging';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '@tpm/testing';

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
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createTestDatabase('perf_api');
    process.env.PERFORMANCE_DATABASE_URL = db.url;
    // The module reads its configuration when it is imported: after the database is chosen.
    const { AppModule } = await import('../app.module');
    const { createServiceApp } = await import('@tpm/service-kit');
    app = await createServiceApp(AppModule, { title: 'performance', description: 'test' });
    await app.init();
    // This suite reacts to nothing; leave the shared `performance-reactions` group to the services other suites boot.
    await app.get<InboxConsumer>(INBOX_CONSUMER).stop();

    await api().post('/org/business-units').send({ businessUnitId: BU, name: 'Acme', parentId: null });
    await api().post('/org/business-units').send({ businessUnitId: SALES, name: 'Sales', parentId: BU }).expect(201);
    await api().post('/org/employees').send({ employeeNumber: `M-${run}`, name: 'Boss', businessUnitId: SALES, position: 'Head', managerEmployeeNumber: null, level: 'management' }).expect(201);
    await api().post('/org/employees').send({ employeeNumber: `E-${run}`, name: 'Ana', businessUnitId: SALES, position: 'Rep', managerEmployeeNumber: `M-${run}`, level: 'staff' }).expect(201);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const scorecard = `/scorecards/E-${run}/${PERIOD}`;

  it('sets a strategic goal, cascades it, and assigns an objective under it', async () => {
    await api().post('/goals').send({ goalId: `G-${run}`, period: PERIOD, title: 'Grow revenue 10%' }).expect(201);
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
    expect(enrolled.body).toMatchObject({ enrolled: 2, participants: 2 });
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
});
