import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { Pool } from 'pg';
import { signDevToken } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { ManualClock } from '@tpm/kernel';
import { budgetStream, grantIdFor, proposalIdFor, proposalStream } from '@tpm/rewards-application';
import { configureHttp, EVENT_STORE, PG_POOL } from '@tpm/service-kit';
import { contractProblems, topicOf, type Envelope } from '@tpm/contracts';
import { parseEnvelope } from '@tpm/messaging';
import { createTestDatabase, eventually, testKafka, uniqueName, type TestDatabase } from '@tpm/testing';
import { appraisalFinalized, ContractPublisher, offboarded, onboarded, personErased, planClosed, trainingCompleted, unit } from './testing/contract-events.spec-helper';
import type { RewardsLifecycle as Lifecycle } from './rewards.lifecycle';

/**
 * The rewards API on the real PostgreSQL and Kafka: bad input, roles and scope, the policy's
 * versions and inheritance, the pay import, proposals from appraisals put on the broker, the
 * approval chain, the budget cap under parallel approvals, grants paid and late, the survey, the
 * incentive effect and each reaction.
 */
describe('rewards service (real PostgreSQL, real Kafka)', () => {
  const clock = new ManualClock(new Date('2028-01-10T09:00:00.000Z'));
  const publisher = new ContractPublisher();
  let db: TestDatabase;
  let app: NestExpressApplication;
  let store: EventStore;
  let pool: Pool;
  let lifecycle: Lifecycle;
  const tokens: Record<string, string> = {};
  const as = (who: string) => {
    const r = () => request(app.getHttpServer());
    const auth = `Bearer ${tokens[who]}`;
    return {
      get: (url: string) => r().get(url).set('authorization', auth),
      post: (url: string) => r().post(url).set('authorization', auth),
    };
  };
  const catchUp = () => lifecycle.projector.catchUp();
  const rules = (changes: Record<string, unknown> = {}) => ({
    currency: 'EUR',
    bands: [
      { minRank: 2, bonusPercent: 5, minPercent: 3, maxPercent: 7, recognitionPoints: 10, promotionEligible: false },
      { minRank: 3, bonusPercent: 10, minPercent: 8, maxPercent: 15, recognitionPoints: 50, promotionEligible: true },
    ],
    targetBandRank: 3,
    missedGoals: { indicatorScoreBelow: 40, withholdBonus: true, demotionReview: true },
    eligibility: { minTenureDays: 90, excludeFailedPlan: true },
    prorate: true,
    budgetCap: 50_000,
    paymentDueOn: '2028-03-31',
    approvalChain: [
      { step: 'manager', role: 'manager', above: 0 },
      { step: 'hr', role: 'hr', above: 2_000 },
      { step: 'executive', role: 'executive', above: 5_000 },
    ],
    promotion: { minRank: 3, consecutiveCycles: 1 },
    transfer: null,
    trainingRecognitionPoints: 20,
    ...changes,
  });
  const rootPolicy = { policyId: 'POL-ROOT-2027', businessUnitId: 'BU-ROOT', cycleId: 'C-2027', name: 'Group 2027', effectiveFrom: '2027-01-01', rules: rules() };
  const opsPolicy = {
    policyId: 'POL-OPS-2027', businessUnitId: 'BU-OPS', cycleId: 'C-2027', name: 'Ops 2027', effectiveFrom: '2027-01-01',
    rules: rules({ budgetCap: 10_000, approvalChain: [{ step: 'manager', role: 'manager', above: 0 }], paymentDueOn: '2028-02-29' }),
  };
  const RACERS = Array.from({ length: 12 }, (_, i) => `ops-${String(i + 1).padStart(2, '0')}`);
  const appraisals: Record<string, ReturnType<typeof appraisalFinalized>> = {};
  const proposalOf = (employeeId: string) => proposalIdFor(appraisals[employeeId].data.appraisalId);
  let beforeAppraisals = '';

  beforeAll(async () => {
    db = await createTestDatabase('rewards_api');
    process.env.REWARDS_DATABASE_URL = db.url;
    process.env.KAFKA_TOPIC_PREFIX = `${uniqueName('rewards-it')}.`;
    process.env.REWARDS_SCHEDULER_POLL_MS = '3600000'; // the test ticks the scheduler itself
    process.env.LOG_LEVEL = 'warn';
    const { RewardsModule } = await import('./app.module');
    const { RewardsLifecycle } = await import('./rewards.lifecycle');
    app = await NestFactory.create<NestExpressApplication>(RewardsModule.forRoot(clock), { bodyParser: false, logger: false });
    configureHttp(app, { title: 'rewards', description: 'test' });
    await app.init();
    await new Promise<void>((resolve) => app.getHttpServer().listen(0, '127.0.0.1', () => resolve()));
    store = app.get(EVENT_STORE);
    pool = app.get(PG_POOL);
    lifecycle = app.get(RewardsLifecycle);
    Object.assign(tokens, {
      hr: await signDevToken({ sub: 'hr-1', roles: ['hr'], bu: ['BU-ROOT'] }),
      hrSales: await signDevToken({ sub: 'hr-s', roles: ['hr'], bu: ['BU-SALES'] }),
      manager: await signDevToken({ sub: 'mgr-1', roles: ['manager'], bu: ['BU-SALES'] }),
      managerOps: await signDevToken({ sub: 'mgr-ops', roles: ['manager'], bu: ['BU-OPS'] }),
      executive: await signDevToken({ sub: 'ex-1', roles: ['executive'], bu: ['BU-ROOT'] }),
      analyst: await signDevToken({ sub: 'an-1', roles: ['analyst'], bu: ['BU-ROOT'] }),
      auditor: await signDevToken({ sub: 'au-1', roles: ['auditor'], bu: ['*'] }),
      ana: await signDevToken({ sub: 'ana', roles: ['employee'], emp: 'ana' }),
      ben: await signDevToken({ sub: 'ben', roles: ['employee'], emp: 'ben' }),
    });
    await publisher.publish(unit('BU-ROOT', null), unit('BU-SALES', 'BU-ROOT'), unit('BU-SALES-N', 'BU-SALES'), unit('BU-OPS', 'BU-ROOT'));
    const people = [['ana', 'BU-SALES'], ['ben', 'BU-SALES'], ['cy', 'BU-SALES'], ['dan', 'BU-SALES'], ['eve', 'BU-SALES-N'], ...RACERS.map((r) => [r, 'BU-OPS'])];
    await publisher.publish(...people.map(([e, u]) => onboarded(e, u)));
    await eventually(async () => {
      const { rows } = await pool.query(`SELECT (SELECT count(*) FROM org_reference.employees)::int AS e, (SELECT count(*) FROM org_reference.business_units)::int AS u`);
      expect(rows[0]).toEqual({ e: people.length, u: 4 });
    });
  });

  afterAll(async () => {
    await publisher.close();
    await app?.close();
    await db?.drop();
  });

  describe('policies', () => {
    it('answers 400 naming every bad field, and writes nothing', async () => {
      const res = await as('hr').post('/rewards/policies').send({ ...rootPolicy, effectiveFrom: 'soon', rules: { ...rules(), budgetCap: -1, bands: [{ minRank: 0 }] }, extra: 1 }).expect(400);
      const fields = res.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['effectiveFrom', 'extra', 'rules.budgetCap']));
      expect(fields.some((f: string) => f.startsWith('rules.bands.0'))).toBe(true);
      expect(await store.streamVersion('rewards-policy-POL-ROOT-2027')).toBe(0);
    });

    it('answers 422 naming the rule a valid request breaks, and refuses other roles and units', async () => {
      const bad = await as('hr').post('/rewards/policies').send({ ...rootPolicy, rules: rules({ bands: [{ minRank: 2, bonusPercent: 9, minPercent: 3, maxPercent: 7, recognitionPoints: 0, promotionEligible: false }] }) }).expect(422);
      expect(bad.body.code).toBe('POLICY_INVALID');
      expect((await as('manager').post('/rewards/policies').send(rootPolicy).expect(403)).body.code).toBe('ROLE_REQUIRED');
      expect((await as('hrSales').post('/rewards/policies').send(rootPolicy).expect(403)).body.code).toBe('OUT_OF_SCOPE');
      expect(await store.streamVersion('rewards-policy-POL-ROOT-2027')).toBe(0);
    });

    it('defines a policy once, versions it from a date and never back-dates a change', async () => {
      expect((await as('hr').post('/rewards/policies').send(rootPolicy).expect(201)).body).toMatchObject({ appended: 1 });
      expect((await as('hr').post('/rewards/policies').send(rootPolicy).expect(201)).body).toMatchObject({ appended: 0 });
      await as('hr').post('/rewards/policies').send(opsPolicy).expect(201);
      const past = await as('hr').post('/rewards/policies/POL-ROOT-2027/versions').send({ effectiveFrom: '2028-01-01', rules: rules() }).expect(422);
      expect(past.body.code).toBe('POLICY_VERSION_MUST_START_LATER');
      // asOf reads the log by when events were recorded (wall time), not the business clock.
      const before = new Date().toISOString();
      await new Promise((r) => setTimeout(r, 5));
      clock.advance(60_000);
      await as('hr').post('/rewards/policies/POL-ROOT-2027/versions').send({ effectiveFrom: '2028-01-12', rules: rules({ budgetCap: 60_000 }) }).expect(201);
      const now = await as('auditor').get('/rewards/policies/POL-ROOT-2027').expect(200);
      expect(now.body.versions.map((v: { version: number; effectiveFrom: string }) => [v.version, v.effectiveFrom])).toEqual([[1, '2027-01-01'], [2, '2028-01-12']]);
      expect(now.headers.etag).toBeDefined();
      const then = await as('auditor').get('/rewards/policies/POL-ROOT-2027').query({ asOf: before }).expect(200);
      expect(then.body.versions).toHaveLength(1);
      await as('auditor').get('/rewards/policies/POL-ROOT-2027').query({ asOf: 'yesterday' }).expect(400);
    });

    it('inherits a policy down the subtree unless a unit defines its own', async () => {
      await catchUp();
      const sub = await as('manager').get('/rewards/policies').query({ businessUnitId: 'BU-SALES-N', cycleId: 'C-2027', on: '2028-01-15' }).expect(200);
      expect(sub.body.inForce).toMatchObject({ policyId: 'POL-ROOT-2027', version: 2, businessUnitId: 'BU-ROOT' });
      const ops = await as('hr').get('/rewards/policies').query({ businessUnitId: 'BU-OPS', cycleId: 'C-2027', on: '2028-01-15' }).expect(200);
      expect(ops.body.inForce).toMatchObject({ policyId: 'POL-OPS-2027', version: 1 });
      const early = await as('hr').get('/rewards/policies').query({ businessUnitId: 'BU-SALES', cycleId: 'C-2027', on: '2028-01-11' }).expect(200);
      expect(early.body.inForce.version).toBe(1);
    });
  });

  describe('pay import', () => {
    const csv = ['employeeNumber,basePay,currency,effectiveFrom,startedOn', 'N-ana,60000,EUR,2027-01-01,2020-01-01', 'N-cy,50000,EUR,2027-01-01,2020-01-01', 'N-dan,40000,EUR,2027-01-01,2020-01-01',
      'N-eve,45000,EUR,2027-01-01,2027-07-02', 'N-nobody,1000,EUR,2027-01-01,2020-01-01', 'N-ana,-5,euro,someday,2020-01-01', ...RACERS.map((r) => `N-${r},20000,EUR,2027-01-01,2019-01-01`)].join('\n');

    it('imports good rows and reports each bad one by row, never echoing a figure', async () => {
      const res = await as('hr').post('/rewards/pay/import').set('content-type', 'text/csv').send(csv).expect(200);
      expect(res.body).toMatchObject({ accepted: 4 + RACERS.length, unchanged: 0 });
      expect(res.body.rejected).toEqual([
        { row: 5, employeeNumber: 'N-nobody', errors: ['employeeNumber N-nobody is not in the organization'] },
        { row: 6, employeeNumber: 'N-ana', errors: expect.arrayContaining(['basePay must be a positive amount with at most two decimals', 'currency must be an ISO 4217 code', 'effectiveFrom must be a date (YYYY-MM-DD)']) },
      ]);
      expect(JSON.stringify(res.body)).not.toContain('60000');
      const again = await as('hr').post('/rewards/pay/import').set('content-type', 'text/csv').send(csv).expect(200);
      expect(again.body).toMatchObject({ accepted: 0, unchanged: 4 + RACERS.length });
    });

    it('rejects the rows of employees outside the importer’s units, and a file without the header', async () => {
      const res = await as('hrSales').post('/rewards/pay/import').set('content-type', 'text/csv').send('employeeNumber,basePay,currency,effectiveFrom,startedOn\nN-ops-01,99999,EUR,2027-06-01,2019-01-01').expect(200);
      expect(res.body).toMatchObject({ accepted: 0, rejected: [{ row: 1, errors: ['employeeNumber N-ops-01 is outside your business units'] }] });
      const bad = await as('hr').post('/rewards/pay/import').set('content-type', 'text/csv').send('who,what\nx,y').expect(400);
      expect(bad.body.code).toBe('PAY_IMPORT_FILE_INVALID');
      expect((await as('manager').post('/rewards/pay/import').set('content-type', 'text/csv').send(csv).expect(403)).body.code).toBe('ROLE_REQUIRED');
    });

    it('serves pay to HR only, as of a date', async () => {
      const res = await as('hr').get('/rewards/employees/ana/pay').expect(200);
      expect(res.body.records).toEqual([{ amount: 60_000, currency: 'EUR', effectiveFrom: '2027-01-01', startedOn: '2020-01-01' }]);
      await as('manager').get('/rewards/employees/ana/pay').expect(403);
      await as('analyst').get('/rewards/employees/ana/pay').expect(403);
    });
  });

  describe('proposals from finalized appraisals (AppraisalFinalized on the broker)', () => {
    it('proposes once per appraisal with its provenance, keeping the appraisal’s correlation id', async () => {
      beforeAppraisals = new Date().toISOString();
      appraisals.ana = appraisalFinalized({ employeeId: 'ana', businessUnitId: 'BU-SALES' });
      appraisals.ben = appraisalFinalized({ employeeId: 'ben', businessUnitId: 'BU-SALES' });
      appraisals.cy = appraisalFinalized({ employeeId: 'cy', businessUnitId: 'BU-SALES', ratingBandRank: 2, ratingBand: 'meets', indicators: [{ objectiveId: 'o', indicatorId: 'i', score: 20 }] });
      appraisals.dan = appraisalFinalized({ employeeId: 'dan', businessUnitId: 'BU-SALES', ratingBandRank: 2, ratingBand: 'meets' });
      appraisals.eve = appraisalFinalized({ employeeId: 'eve', businessUnitId: 'BU-SALES-N' });
      for (const r of RACERS) appraisals[r] = appraisalFinalized({ employeeId: r, businessUnitId: 'BU-OPS' });
      // The first appraisal twice: a redelivery with the same event id, and a re-publication with a new one.
      await publisher.publish(...Object.values(appraisals), appraisals.ana, { ...appraisals.ana, eventId: '00000000-0000-4000-8000-000000000001' });
      await eventually(async () => expect(await store.streamVersion(proposalStream(proposalOf(RACERS[RACERS.length - 1])))).toBe(1));
      await eventually(async () => expect(await store.streamVersion(proposalStream(proposalOf('ana')))).toBe(1));
      const ana = await as('manager').get(`/rewards/proposals/${proposalOf('ana')}`).expect(200);
      expect(ana.body).toMatchObject({
        status: 'proposed',
        amount: 6_000,
        min: 4_800,
        max: 9_000,
        provenance: { policyId: 'POL-ROOT-2027', policyVersion: 2, budgetUnitId: 'BU-ROOT', band: 'exceeds', bandRank: 3, bonusPercent: 10, basePay: 60_000, proration: 1, withheld: false },
      });
      expect(ana.body.steps.map((s: { step: string }) => s.step)).toEqual(['manager', 'hr', 'executive']);
      const [stored] = await store.readStream(proposalStream(proposalOf('ana')));
      expect(stored.metadata).toMatchObject({ correlationId: appraisals.ana.correlationId, causationId: appraisals.ana.eventId });
    });

    it('records why an employee is not eligible, withholds the bonus of missed goals and prorates a late starter', async () => {
      const ben = await as('hr').get(`/rewards/proposals/${proposalOf('ben')}`).expect(200);
      expect(ben.body).toMatchObject({ status: 'ineligible', reasons: ['no-base-pay'] });
      const cy = await as('hr').get(`/rewards/proposals/${proposalOf('cy')}`).expect(200);
      expect(cy.body).toMatchObject({ amount: 0, provenance: { goalsMissed: true, withheld: true } });
      const eve = await as('hr').get(`/rewards/proposals/${proposalOf('eve')}`).expect(200);
      expect(eve.body.provenance.proration).toBeCloseTo(183 / 365, 3);
      const recs = await as('hr').get('/rewards/employees/cy/recommendations').expect(200);
      expect(recs.body.recommendations).toEqual([expect.objectContaining({ kind: 'demotion-review', reason: 'missed-goals', appraisalIds: [appraisals.cy.data.appraisalId] })]);
      const anaRecs = await as('hr').get('/rewards/employees/ana/recommendations').expect(200);
      expect(anaRecs.body.recommendations).toEqual([expect.objectContaining({ kind: 'promotion', appraisalIds: [appraisals.ana.data.appraisalId] })]);
    });

    it('hides base pay from executives and lists proposals of the caller’s units only', async () => {
      const ex = await as('executive').get(`/rewards/proposals/${proposalOf('ana')}`).expect(200);
      expect(ex.body.provenance.basePay).toBeNull();
      await catchUp();
      const sales = await as('manager').get('/rewards/proposals').expect(200);
      expect(new Set(sales.body.map((p: { businessUnitId: string }) => p.businessUnitId))).toEqual(new Set(['BU-SALES', 'BU-SALES-N']));
      expect(JSON.stringify(sales.body)).not.toContain('60000');
      expect((await as('managerOps').get(`/rewards/proposals/${proposalOf('ana')}`).expect(403)).body.code).toBe('OUT_OF_SCOPE');
      await as('analyst').get('/rewards/proposals').expect(403);
    });
  });

  describe('adjustment and the approval chain', () => {
    it('adjusts within range with a reason, and refuses an amount outside it', async () => {
      const out = await as('manager').post(`/rewards/proposals/${proposalOf('ana')}/adjustments`).send({ amount: 9_500, reason: 'key account' }).expect(422);
      expect(out.body.code).toBe('ADJUSTMENT_OUT_OF_POLICY_RANGE');
      await as('manager').post(`/rewards/proposals/${proposalOf('ana')}/adjustments`).send({ amount: 7_000 }).expect(400);
      await as('manager').post(`/rewards/proposals/${proposalOf('ana')}/adjustments`).send({ amount: 7_000, reason: 'closed the key account' }).expect(201);
      expect(await store.streamVersion(proposalStream(proposalOf('ana')))).toBe(2);
    });

    it('walks manager → HR → executive above the thresholds, each step with who and when, and refuses the wrong role', async () => {
      const id = proposalOf('ana');
      await as('manager').post(`/rewards/proposals/${id}/approvals`).expect(201);
      const wrong = await as('executive').post(`/rewards/proposals/${id}/approvals`).expect(422);
      expect(wrong.body.code).toBe('APPROVAL_STEP_ROLE_REQUIRED');
      await as('hr').post(`/rewards/proposals/${id}/approvals`).expect(201);
      expect((await as('executive').post(`/rewards/proposals/${id}/approvals`).expect(201)).body).toMatchObject({ final: true });
      const p = await as('hr').get(`/rewards/proposals/${id}`).expect(200);
      expect(p.body.approvals).toEqual([
        { step: 'manager', by: 'mgr-1', at: expect.any(String) },
        { step: 'hr', by: 'hr-1', at: expect.any(String) },
        { step: 'executive', by: 'ex-1', at: expect.any(String) },
      ]);
      await as('executive').post(`/rewards/proposals/${id}/approvals`).expect(422);
      await catchUp();
      const grant = await as('hr').get(`/rewards/grants/${grantIdFor(id)}`).expect(200);
      expect(grant.body).toMatchObject({ status: 'granted', terms: { amount: 7_000, dueOn: '2028-03-31' } });
    });

    it('rejects at the waiting step with a reason', async () => {
      const id = proposalOf('eve');
      await as('manager').post(`/rewards/proposals/${id}/rejections`).send({ reason: 'joined mid-year; next cycle' }).expect(201);
      expect((await as('hr').get(`/rewards/proposals/${id}`).expect(200)).body.status).toBe('rejected');
      await as('manager').post(`/rewards/proposals/${id}/approvals`).expect(422);
    });
  });

  describe('the budget cap', () => {
    it('never lets parallel approvals take a unit’s committed total over its cap', async () => {
      // 12 proposals of 2000 against a cap of 10000: exactly five fit.
      const answers = await Promise.all(RACERS.map((r) => as('managerOps').post(`/rewards/proposals/${proposalOf(r)}/approvals`)));
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      const approved = answers.filter((a) => a.status === 201);
      const refused = answers.filter((a) => a.status === 422);
      expect(approved).toHaveLength(5);
      expect(refused).toHaveLength(7);
      for (const r of refused) expect(r.body).toMatchObject({ code: 'BUDGET_CAP_EXCEEDED', details: expect.objectContaining({ rule: 'budget-cap', cap: 10_000 }) });
      const budget = await as('analyst').get('/rewards/budgets/BU-OPS/C-2027').expect(200);
      expect(budget.body).toMatchObject({ cap: 10_000, committed: 10_000, reservations: 5 });
      // The store's own events agree: no reservation beyond the cap, and each one an approved proposal.
      const events = await store.readStream(budgetStream('BU-OPS', 'C-2027'));
      expect(Math.max(...events.map((e) => (e.data as { committed: number }).committed))).toBeLessThanOrEqual(10_000);
      await catchUp();
      const { rows } = await pool.query(`SELECT count(*)::int AS n, sum(amount)::float8 AS total FROM rewards_read.proposals WHERE budget_unit_id = 'BU-OPS' AND status = 'approved'`);
      expect(rows[0]).toEqual({ n: 5, total: 10_000 });
      const stillOpen = await pool.query(`SELECT count(*)::int AS n FROM rewards_read.proposals WHERE budget_unit_id = 'BU-OPS' AND status = 'proposed'`);
      expect(stillOpen.rows[0].n).toBe(7);
    });
  });

  describe('grants paid, late and revoked', () => {
    const opsGrants = async () => (await pool.query<{ grant_id: string }>(`SELECT grant_id FROM rewards_read.grants WHERE budget_unit_id = 'BU-OPS' ORDER BY grant_id`)).rows.map((r) => r.grant_id);

    it('records payment dates, flags a grant unpaid past its due date through the scheduler, and lists it late', async () => {
      await catchUp();
      const grants = await opsGrants();
      expect(grants).toHaveLength(5);
      clock.set('2028-02-20T08:00:00.000Z');
      expect((await as('hr').post(`/rewards/grants/${grants[0]}/payments`).send({ paidOn: '2028-02-21' }).expect(422)).body.code).toBe('PAYMENT_DATE_IN_FUTURE');
      await as('hr').post(`/rewards/grants/${grants[0]}/payments`).send({ paidOn: '2028-02-15' }).expect(201);
      await as('hr').post(`/rewards/grants/${grants[1]}/payments`).send({ paidOn: '2028-02-20' }).expect(201);
      await as('hr').post(`/rewards/grants/${grants[2]}/payments`).send({ paidOn: '2028-01-01' }).expect(422);
      await catchUp();
      expect(await lifecycle.scheduler.tick()).toBe(0);
      clock.set('2028-03-01T08:00:00.000Z');
      expect(await lifecycle.scheduler.tick()).toBe(3);
      const late = await store.readStream(`rewards-grant-${grants[2]}`);
      expect(late.map((e) => e.type)).toEqual(['RewardGranted', 'GrantFlaggedLate']);
      await as('hr').post(`/rewards/grants/${grants[2]}/payments`).send({ paidOn: '2028-03-01' }).expect(201);
      expect((await as('hr').get(`/rewards/grants/${grants[2]}`).expect(200)).body).toMatchObject({ status: 'paid', onTime: false, flaggedLate: true });
      await catchUp();
      const listed = await as('hr').get('/rewards/late-grants').expect(200);
      expect(listed.body.map((g: { grantId: string }) => g.grantId).sort()).toEqual(grants.slice(2).sort());
    });

    it('revokes a grant and gives its amount back to the budget, so a refused approval now fits', async () => {
      const grants = await opsGrants();
      await as('hr').post(`/rewards/grants/${grants[4]}/revocations`).send({ reason: 'paid twice by payroll' }).expect(201);
      await as('hr').post(`/rewards/grants/${grants[4]}/revocations`).send({ reason: 'again' }).expect(422);
      await catchUp();
      expect((await as('hr').get('/rewards/budgets/BU-OPS/C-2027').expect(200)).body).toMatchObject({ committed: 8_000, reservations: 4 });
      const waiting = (await pool.query<{ proposal_id: string }>(`SELECT proposal_id FROM rewards_read.proposals WHERE budget_unit_id = 'BU-OPS' AND status = 'proposed' ORDER BY proposal_id LIMIT 1`)).rows[0].proposal_id;
      await as('managerOps').post(`/rewards/proposals/${waiting}/approvals`).expect(201);
    });
  });

  describe('survey, statement and the incentive effect', () => {
    it('lets an employee rate their own reward, not another’s, and not without a reward', async () => {
      await as('ana').post('/rewards/surveys').send({ cycleId: 'C-2027', rating: 4 }).expect(201);
      await as('ana').post('/rewards/surveys').send({ cycleId: 'C-2027', rating: 7 }).expect(400);
      expect((await as('ben').post('/rewards/surveys').send({ cycleId: 'C-2027', rating: 3 }).expect(422)).body.code).toBe('SURVEY_WITHOUT_REWARD');
      expect((await as('ana').post('/rewards/surveys').send({ employeeId: 'ben', cycleId: 'C-2027', rating: 1 }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    });

    it('shows an employee their statement: what they got and why', async () => {
      const res = await as('ana').get('/rewards/employees/ana/statement').expect(200);
      expect(res.body.rewards).toEqual([
        expect.objectContaining({ status: 'approved', amount: 7_000, why: expect.objectContaining({ policyVersion: 2, band: 'exceeds', adjusted: true }), grant: expect.objectContaining({ status: 'granted' }) }),
      ]);
      expect(JSON.stringify(res.body)).not.toContain('60000');
      await as('ana').get('/rewards/employees/ben/statement').expect(403);
      const before = await as('ana').get('/rewards/employees/ana/statement').query({ asOf: beforeAppraisals }).expect(200);
      expect(before.body.rewards).toEqual([]);
    });

    it('measures expectancy, credibility and valence per policy with recorded inputs, for analysts without individual pay', async () => {
      await catchUp();
      await as('analyst').post('/rewards/policies/POL-OPS-2027/effect-measurements').send({}).expect(201);
      const ops = await as('analyst').get('/rewards/policies/POL-OPS-2027/effect').expect(200);
      // 12 eligible, all at the target band; 12 promised, 5 granted (one revoked, one more approved later), 2 paid on time.
      expect(ops.body.latest.inputs).toEqual({ eligible: 12, reachedTarget: 12, promised: 12, granted: 5, paidOnTime: 2, meanRewardToPay: 0.1, ratings: 0, meanRating: null });
      expect(ops.body.latest.result).toMatchObject({ functionVersion: 1, expectancy: 1, expectancyFlag: 'no-stretch', grantedShare: 0.4167, onTimeShare: 0.4, sizeValence: 1 });
      await as('hr').post('/rewards/policies/POL-ROOT-2027/effect-measurements').send({ businessUnitId: 'BU-SALES' }).expect(201);
      const sales = await as('analyst').get('/rewards/policies/POL-ROOT-2027/effect').query({ businessUnitId: 'BU-SALES' }).expect(200);
      expect(sales.body.latest.inputs).toMatchObject({ eligible: 4, reachedTarget: 2, promised: 3, granted: 1, paidOnTime: 0, ratings: 1, meanRating: 4 });
      const table = [ops.body, sales.body].map((m) => ({ policy: m.policyId, unit: m.businessUnitId, ...m.latest.inputs, ...m.latest.result }));
      process.stdout.write(`\nincentive effect (rewards-api.int.spec)\n${JSON.stringify(table, null, 1)}\n`);
      expect(JSON.stringify(ops.body)).not.toContain('20000');
      await as('manager').get('/rewards/policies/POL-OPS-2027/effect').expect(403);
    });
  });

  describe('reactions', () => {
    it('awards recognition points once per completed training (TrainingCompleted on the broker)', async () => {
      const done = trainingCompleted('dan', 'BU-SALES', 'S-1');
      await publisher.publish(done, done, { ...done, eventId: '00000000-0000-4000-8000-000000000002' });
      await eventually(async () => expect((await as('hr').get('/rewards/employees/dan/recognition').expect(200)).body.points).toBe(20));
      const ops = trainingCompleted('ops-01', 'BU-OPS', 'S-2');
      await publisher.publish(ops);
      await eventually(async () => expect((await as('hr').get('/rewards/employees/ops-01/recognition').expect(200)).body.awards).toHaveLength(1));
      expect((await as('hr').get('/rewards/employees/dan/recognition').expect(200)).body.awards).toHaveLength(1);
    });

    it('asks for a demotion review when an improvement plan failed (the coaching contract on the broker), and notes a succeeded one', async () => {
      const failed = planClosed('ben', 'BU-SALES', 'failed');
      await publisher.publish(failed, planClosed('ana', 'BU-SALES', 'succeeded'));
      await eventually(async () => {
        const recs = (await as('hr').get('/rewards/employees/ben/recommendations').expect(200)).body;
        expect(recs.recommendations).toEqual([
          expect.objectContaining({ kind: 'promotion', reason: 'band-sustained' }),
          expect.objectContaining({ kind: 'demotion-review', reason: 'failed-improvement-plan', planId: failed.data.planId }),
        ]);
      });
      await eventually(async () => expect((await as('hr').get('/rewards/employees/ana/recommendations').expect(200)).body.plans).toHaveLength(1));
      expect((await as('hr').get('/rewards/employees/ana/recommendations').expect(200)).body.recommendations.map((r: { kind: string }) => r.kind)).toEqual(['promotion']);
    });

    it('withdraws an offboarded employee’s open proposals', async () => {
      expect((await as('hr').get(`/rewards/proposals/${proposalOf('dan')}`).expect(200)).body.status).toBe('proposed');
      await publisher.publish(offboarded('dan', 'BU-SALES'));
      await eventually(async () => expect((await as('hr').get(`/rewards/proposals/${proposalOf('dan')}`).expect(200)).body.status).toBe('withdrawn'));
    });

    it('blanks the pay-derived ratio and the survey answer of an erased person, keeping ids and payouts', async () => {
      await catchUp();
      await publisher.publish(personErased('ana'));
      await eventually(async () => {
        const { rows } = await pool.query(`SELECT p.pay_ratio, p.amount::float8 AS amount, r.rating FROM rewards_read.proposals p JOIN rewards_read.ratings r USING (employee_id) WHERE p.employee_id = 'ana'`);
        expect(rows).toEqual([{ pay_ratio: null, amount: 7_000, rating: null }]);
      });
    });

    it('publishes on rewards.events only valid contracts, with no base pay, reason or survey answer in them', async () => {
      const consumer = testKafka().consumer({ groupId: uniqueName('rewards-events-check') });
      const seen: Envelope[] = [];
      await consumer.connect();
      try {
        await consumer.subscribe({ topic: topicOf('rewards'), fromBeginning: true });
        await consumer.run({ eachMessage: async ({ message }) => void seen.push(parseEnvelope(message.value)) });
        await eventually(() => expect(seen.filter((e) => e.type === 'rewards.RewardPaid').length).toBeGreaterThanOrEqual(3), { timeoutMs: 60_000, intervalMs: 300 });
      } finally {
        await consumer.disconnect();
      }
      const types = new Set(seen.map((e) => e.type));
      expect([...types].sort()).toEqual(
        ['rewards.IncentiveEffectMeasured', 'rewards.RecognitionAwarded', 'rewards.RecommendationMade', 'rewards.RewardApproved', 'rewards.RewardGranted', 'rewards.RewardPaid', 'rewards.RewardProposed', 'rewards.RewardRejected', 'rewards.RewardRevoked'].sort(),
      );
      for (const e of seen) expect(contractProblems({ type: e.type, version: e.schemaVersion, data: e.data as never })).toEqual([]);
      const text = JSON.stringify(seen.map((e) => e.data));
      for (const secret of ['60000', 'closed the key account', 'joined mid-year', 'paid twice by payroll', 'basePay']) expect(text).not.toContain(secret);
    });

    it('keeps the appraisal’s chain: proposed, approved at each step, reserved and granted under one correlation id', async () => {
      const { rows } = await pool.query<{ type: string }>(`SELECT type FROM es.events WHERE (metadata::jsonb)->>'correlationId' = $1 ORDER BY global_position`, [appraisals.ana.correlationId]);
      // The people who adjusted and approved acted over HTTP; their decisions continue the proposal's chain.
      expect(rows.map((r) => r.type)).toEqual(['CycleResultRecorded', 'RecommendationMade', 'RewardProposed', 'ProposalAdjusted', 'RewardApproved', 'RewardApproved', 'BudgetReserved', 'RewardApproved', 'RewardGranted']);
    });
  });
});
