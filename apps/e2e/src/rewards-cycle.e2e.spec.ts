import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signDevToken } from '@tpm/auth';
import { employeeIdFor } from '@tpm/performance-application';
import { eventually } from '@tpm/testing';
import type { RunningService } from './boot-service';
import { startScenario, type Scenario } from './scenario';

/**
 * Rewards end to end on real services (performance, rewards, reporting), real PostgreSQL and
 * Kafka: two cycles finalized in the real performance service → proposals under each unit's
 * policy → approvals through the chain (manager → HR → executive above the threshold), one refused
 * at the unit's budget cap → grants paid, one on time, others flagged late by the durable
 * scheduler → the credibility and expectancy figures per policy → the reporting audit trail shows
 * AppraisalFinalized → RewardProposed → RewardApproved → RewardGranted as one correlation chain.
 */
describe('rewards: finalized cycle → proposals → approvals under the cap → grants → incentive effect → audit trail', () => {
  let scenario: Scenario;
  let performance: RunningService;
  let rewards: RunningService;
  let reporting: RunningService;
  const run = randomUUID().slice(0, 6);
  const ROOT = `BU-${run}`;
  const SALES = `${ROOT}-SALES`;
  const OPS = `${ROOT}-OPS`;
  const cycleOf = { [SALES]: `C-${run}-SALES`, [OPS]: `C-${run}-OPS` };
  const chainOf = { [SALES]: randomUUID(), [OPS]: randomUUID() };
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  // Score = actual ÷ 1000: 950 exceeds (rank 4), 800 meets (rank 3), 600 below (rank 2).
  const staff = [
    { n: `S1-${run}`, unit: SALES, manager: `MS-${run}`, actual: 950, pay: 60_000 },
    { n: `S2-${run}`, unit: SALES, manager: `MS-${run}`, actual: 800, pay: 50_000 },
    { n: `S3-${run}`, unit: SALES, manager: `MS-${run}`, actual: 600, pay: 40_000 },
    { n: `O1-${run}`, unit: OPS, manager: `MO-${run}`, actual: 950, pay: 20_000 },
    { n: `O2-${run}`, unit: OPS, manager: `MO-${run}`, actual: 960, pay: 20_000 },
    { n: `O3-${run}`, unit: OPS, manager: `MO-${run}`, actual: 800, pay: 20_000 },
  ];
  const id = (n: string) => employeeIdFor(n);
  const tokens: Record<string, string> = {};
  const call = (svc: () => RunningService, who: string, correlationId?: string) => {
    const headers: Record<string, string> = { authorization: `Bearer ${tokens[who]}` };
    if (correlationId) headers['x-correlation-id'] = correlationId;
    return { get: (u: string) => request(svc().url).get(u).set(headers), post: (u: string) => request(svc().url).post(u).set(headers) };
  };
  const perf = (who = 'admin', correlationId?: string) => call(() => performance, who, correlationId);
  const rw = (who: string) => call(() => rewards, who);
  const policy = (policyId: string, businessUnitId: string, changes: Record<string, unknown>) => ({
    policyId,
    businessUnitId,
    cycleId: cycleOf[businessUnitId],
    name: policyId,
    effectiveFrom: '2026-01-01',
    rules: {
      currency: 'EUR',
      bands: [
        { minRank: 3, bonusPercent: 5, minPercent: 3, maxPercent: 7, recognitionPoints: 10, promotionEligible: false },
        { minRank: 4, bonusPercent: 10, minPercent: 8, maxPercent: 15, recognitionPoints: 50, promotionEligible: true },
      ],
      targetBandRank: 4,
      missedGoals: { indicatorScoreBelow: 40, withholdBonus: true, demotionReview: true },
      eligibility: { minTenureDays: 90, excludeFailedPlan: true },
      prorate: true,
      budgetCap: 100_000,
      paymentDueOn: '2099-06-30',
      approvalChain: [
        { step: 'manager', role: 'manager', above: 0 },
        { step: 'hr', role: 'hr', above: 2_000 },
        { step: 'executive', role: 'executive', above: 5_000 },
      ],
      promotion: { minRank: 4, consecutiveCycles: 1 },
      transfer: null,
      trainingRecognitionPoints: 20,
      ...changes,
    },
  });
  const proposals: Record<string, { proposalId: string; amount: number; status: string; bandRank: number; eligible: boolean }> = {};

  beforeAll(async () => {
    scenario = await startScenario(['performance', 'rewards', 'reporting'], { dbPrefix: 'e2e_rewards', env: { PROJECTION_POLL_MS: '100', REWARDS_SCHEDULER_POLL_MS: '300' } });
    [performance, rewards, reporting] = ['performance', 'rewards', 'reporting'].map((s) => scenario.service(s));
    const bearer = (sub: string, roles: string[], bu: string[] = [], emp?: string) => signDevToken({ sub, roles, bu, ...(emp ? { emp: id(emp) } : {}) });
    Object.assign(tokens, {
      admin: await bearer('admin-1', ['admin']),
      hr: await bearer('hr-1', ['hr'], [ROOT]),
      executive: await bearer('exec-1', ['executive'], [ROOT]),
      analyst: await bearer('analyst-1', ['analyst'], [ROOT]),
      auditor: await bearer('auditor-1', ['auditor'], ['*']),
      [`MS-${run}`]: await bearer(`MS-${run}`, ['manager'], [SALES], `MS-${run}`),
      [`MO-${run}`]: await bearer(`MO-${run}`, ['manager'], [OPS], `MO-${run}`),
      ...Object.fromEntries(await Promise.all(staff.map(async (s) => [s.n, await bearer(s.n, ['employee'], [], s.n)]))),
    });
  });

  afterAll(() => scenario?.stop());

  it('1. builds the organization and the two units’ policies, and imports pay', async () => {
    await perf().post('/org/business-units').send({ businessUnitId: ROOT, name: 'Acme', parentId: null }).expect(201);
    for (const u of [SALES, OPS]) await perf().post('/org/business-units').send({ businessUnitId: u, name: u, parentId: ROOT }).expect(201);
    for (const m of [`MS-${run}`, `MO-${run}`]) await perf().post('/org/employees').send({ employeeNumber: m, name: m, businessUnitId: ROOT, position: 'Head', managerEmployeeNumber: null, level: 'management' }).expect(201);
    for (const s of staff) await perf().post('/org/employees').send({ employeeNumber: s.n, name: s.n, businessUnitId: s.unit, position: 'Staff', managerEmployeeNumber: s.manager, level: 'staff' }).expect(201);
    await eventually(async () => expect((await rw('hr').get('/rewards/policies').query({ businessUnitId: OPS })).status).toBe(200), { timeoutMs: 60_000, intervalMs: 300 });
    await rw('hr').post('/rewards/policies').send(policy(`POL-${run}-SALES`, SALES, {})).expect(201);
    // Ops: one manager step, a cap of 3000 and a due date already past (so its grants are late).
    await rw('hr').post('/rewards/policies').send(policy(`POL-${run}-OPS`, OPS, { budgetCap: 3_000, paymentDueOn: yesterday, approvalChain: [{ step: 'manager', role: 'manager', above: 0 }] })).expect(201);
    const csv = ['employeeNumber,basePay,currency,effectiveFrom,startedOn', ...staff.map((s) => `${s.n},${s.pay},EUR,2026-01-01,2020-01-01`)].join('\n');
    await eventually(async () => {
      const res = await rw('hr').post('/rewards/pay/import').set('content-type', 'text/csv').send(csv).expect(200);
      expect(res.body.rejected).toEqual([]);
    }, { timeoutMs: 60_000, intervalMs: 500 });
  });

  it('2. runs both cycles in the real performance service up to finalization', async () => {
    for (const s of staff) {
      const card = `/scorecards/${s.n}/2027`;
      await perf('hr').post(`${card}/objectives`).send({ objectiveId: 'O-OUT', title: 'Output', weight: 100 }).expect(201);
      await perf('hr').post(`${card}/objectives/O-OUT/indicators`).send({ indicatorId: 'K-OUT', name: 'Units', target: 1000, unit: 'units', method: { kind: 'linear-ratio' } }).expect(201);
    }
    for (const unit of [SALES, OPS]) {
      const c = `/appraisal-cycles/${cycleOf[unit]}`;
      await perf('hr').post('/appraisal-cycles').send({ cycleId: cycleOf[unit], period: '2027', businessUnitId: unit }).expect(201);
      await perf('hr').post(`${c}/participants`).expect(200);
      await perf('hr').post(`${c}/stage`).send({ to: 'execution' }).expect(200);
      await perf('hr').post(`${c}/stage`).send({ to: 'review' }).expect(200);
    }
    for (const s of staff) {
      await perf(s.n).post(`/appraisal-cycles/${cycleOf[s.unit]}/appraisals/${s.n}/self-assessment`).send({ comment: 'My year', ratings: [] }).expect(201);
      await eventually(
        () =>
          perf(s.manager)
            .post(`/appraisal-cycles/${cycleOf[s.unit]}/appraisals/${s.n}/manager-assessment`)
            .send({ results: [{ indicatorId: 'K-OUT', actual: s.actual }], competencies: [], potential: 'medium', comment: 'Assessed' })
            .expect(201),
        { timeoutMs: 60_000, intervalMs: 500 },
      );
    }
    for (const unit of [SALES, OPS]) {
      const c = `/appraisal-cycles/${cycleOf[unit]}`;
      await perf('hr').post(`${c}/stage`).send({ to: 'calibration' }).expect(200);
      await perf('hr').post(`${c}/stage`).send({ to: 'feedback' }).expect(200);
      // The finalization's correlation id is the chain every reaction downstream keeps.
      await perf('hr', chainOf[unit]).post(`${c}/finalization`).expect(200);
    }
  });

  it('3. proposes a reward per appraisal under each unit’s policy, with its provenance', async () => {
    await eventually(
      async () => {
        const list = (await rw('hr').get('/rewards/proposals').query({ limit: 50 }).expect(200)).body as { employeeId: string; proposalId: string; amount: number; status: string; bandRank: number; eligible: boolean }[];
        for (const s of staff) {
          const p = list.find((x) => x.employeeId === id(s.n));
          expect(p).toBeDefined();
          proposals[s.n] = p!;
        }
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(staff.map((s) => [s.n.slice(0, 2), proposals[s.n].bandRank, proposals[s.n].amount ?? null, proposals[s.n].status])).toEqual([
      ['S1', 4, 6_000, 'proposed'],
      ['S2', 3, 2_500, 'proposed'],
      ['S3', 2, null, 'ineligible'],
      ['O1', 4, 2_000, 'proposed'],
      ['O2', 4, 2_000, 'proposed'],
      ['O3', 3, 1_000, 'proposed'],
    ]);
    const s1 = (await rw('hr').get(`/rewards/proposals/${proposals[`S1-${run}`].proposalId}`).expect(200)).body;
    expect(s1.provenance).toMatchObject({ policyId: `POL-${run}-SALES`, policyVersion: 1, bandRank: 4, bonusPercent: 10, basePay: 60_000, proration: 1 });
  });

  it('4. approves through the chain, and refuses at the cap the approval that would exceed it', async () => {
    const sales = (n: string) => proposals[`${n}-${run}`].proposalId;
    await rw(`MS-${run}`).post(`/rewards/proposals/${sales('S1')}/approvals`).expect(201);
    expect((await rw('executive').post(`/rewards/proposals/${sales('S1')}/approvals`).expect(422)).body.code).toBe('APPROVAL_STEP_ROLE_REQUIRED');
    await rw('hr').post(`/rewards/proposals/${sales('S1')}/approvals`).expect(201);
    expect((await rw('executive').post(`/rewards/proposals/${sales('S1')}/approvals`).expect(201)).body.final).toBe(true);
    await rw(`MS-${run}`).post(`/rewards/proposals/${sales('S2')}/approvals`).expect(201);
    expect((await rw('hr').post(`/rewards/proposals/${sales('S2')}/approvals`).expect(201)).body.final).toBe(true);
    const ops = (n: string) => proposals[`${n}-${run}`].proposalId;
    await rw(`MO-${run}`).post(`/rewards/proposals/${ops('O1')}/approvals`).expect(201);
    const refused = await rw(`MO-${run}`).post(`/rewards/proposals/${ops('O2')}/approvals`).expect(422);
    expect(refused.body).toMatchObject({ code: 'BUDGET_CAP_EXCEEDED', details: { rule: 'budget-cap', cap: 3_000, committed: 2_000, amount: 2_000 } });
    await rw(`MO-${run}`).post(`/rewards/proposals/${ops('O3')}/approvals`).expect(201);
    expect((await rw('analyst').get(`/rewards/budgets/${OPS}/${cycleOf[OPS]}`).expect(200)).body).toMatchObject({ cap: 3_000, committed: 3_000 });
  });

  const grantOf = async (n: string) =>
    eventually(async () => {
      const st = (await rw('hr').get(`/rewards/employees/${id(n)}/statement`).expect(200)).body;
      expect(st.rewards[0].grant).not.toBeNull();
      return st.rewards[0].grant as { grantId: string; status: string; onTime: boolean | null };
    }, { timeoutMs: 60_000, intervalMs: 300 });

  it('5. grants the approved rewards; pays one on time and the scheduler flags the late ones', async () => {
    const s1 = await grantOf(`S1-${run}`);
    await grantOf(`S2-${run}`);
    await rw('hr').post(`/rewards/grants/${s1.grantId}/payments`).send({ paidOn: today }).expect(201);
    const o1 = await grantOf(`O1-${run}`);
    const o3 = await grantOf(`O3-${run}`);
    await eventually(async () => {
      const late = (await rw('hr').get('/rewards/late-grants').expect(200)).body.map((g: { grantId: string }) => g.grantId);
      expect(late).toEqual(expect.arrayContaining([o1.grantId, o3.grantId]));
    }, { timeoutMs: 60_000, intervalMs: 500 });
    await rw('hr').post(`/rewards/grants/${o3.grantId}/payments`).send({ paidOn: today }).expect(201);
    expect((await rw('hr').get(`/rewards/grants/${o3.grantId}`).expect(200)).body).toMatchObject({ status: 'paid', onTime: false, flaggedLate: true });
    expect((await rw('hr').get(`/rewards/grants/${s1.grantId}`).expect(200)).body).toMatchObject({ status: 'paid', onTime: true, flaggedLate: false });
    await rw(`S1-${run}`).post('/rewards/surveys').send({ cycleId: cycleOf[SALES], rating: 5 }).expect(201);
  });

  it('6. measures credibility and expectancy per policy', async () => {
    const measure = async (policyId: string) => {
      // The measurement brings the read model up to every decision recorded before it.
      await rw('analyst').post(`/rewards/policies/${policyId}/effect-measurements`).send({}).expect(201);
      return (await rw('analyst').get(`/rewards/policies/${policyId}/effect`).expect(200)).body.latest;
    };
    const sales = await measure(`POL-${run}-SALES`);
    const ops = await measure(`POL-${run}-OPS`);
    // Sales: 2 eligible, 1 at the target band; both promised granted, 1 paid on time; one survey answer of 5.
    expect(sales.inputs).toMatchObject({ eligible: 2, reachedTarget: 1, promised: 2, granted: 2, paidOnTime: 1, ratings: 1, meanRating: 5 });
    expect(sales.result).toMatchObject({ expectancy: 0.5, expectancyFlag: null, grantedShare: 1, onTimeShare: 0.5, instrumentality: 0.5, surveyValence: 1 });
    // Ops: 3 eligible, 2 at target; 3 promised, 2 granted (one refused at the cap), none paid by the due date.
    expect(ops.inputs).toMatchObject({ eligible: 3, reachedTarget: 2, promised: 3, granted: 2, paidOnTime: 0 });
    expect(ops.result).toMatchObject({ expectancy: 0.6667, grantedShare: 0.6667, onTimeShare: 0, instrumentality: 0, effect: 0 });
    const row = (name: string, m: { inputs: Record<string, unknown>; result: Record<string, unknown> }) => ({ policy: name, ...m.inputs, ...m.result });
    process.stdout.write(`\nincentive effect (rewards-cycle.e2e)\n${JSON.stringify([row('sales', sales), row('ops', ops)], null, 1)}\n`);
  });

  it('7. shows the audit trail of a finalization as one chain: AppraisalFinalized → RewardProposed → RewardApproved → RewardGranted', async () => {
    await eventually(
      async () => {
        const items = (await call(() => reporting, 'auditor').get(`/audit/correlations/${chainOf[SALES]}`).expect(200)).body.items as { type: string; data?: { employeeId?: string } }[];
        const types = items.map((i) => i.type);
        for (const t of ['performance.AppraisalFinalized', 'rewards.RewardProposed', 'rewards.RewardApproved', 'rewards.BudgetReserved', 'rewards.RewardGranted', 'rewards.RewardPaid']) expect(types).toContain(t);
        const at = (t: string) => types.indexOf(t);
        expect(at('performance.AppraisalFinalized')).toBeLessThan(at('rewards.RewardProposed'));
        expect(at('rewards.RewardProposed')).toBeLessThan(at('rewards.RewardApproved'));
        expect(at('rewards.RewardApproved')).toBeLessThan(at('rewards.RewardGranted'));
      },
      { timeoutMs: 90_000, intervalMs: 1000 },
    );
  });
});
