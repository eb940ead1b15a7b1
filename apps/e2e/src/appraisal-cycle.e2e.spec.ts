import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signDevToken, type DevTokenClaims } from '@tpm/auth';
import { employeeIdFor } from '@tpm/performance-application';
import { eventually } from '@tpm/testing';
import type { RunningService } from './boot-service';
import { startScenario, type Scenario } from './scenario';

/** Runs `work` over the items, `limit` at a time: a cycle of 200 people without 200 sockets at once. */
const inBatches = async <T>(items: T[], limit: number, work: (item: T) => Promise<unknown>) => {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(work));
};

/**
 * One full appraisal cycle for a business unit of 200 employees, end to end on the real services,
 * PostgreSQL and Kafka: goals cascade, scorecards, self and manager assessments, 360 feedback,
 * calibration, finalization, acknowledgement and a resolved dispute; then what reporting's audit
 * trail holds (one AppraisalFinalized per employee), the ratings as of before calibration, and
 * a what-if replay that writes nothing.
 */
describe('appraisal cycle of a 200-employee business unit: performance -> Kafka -> reporting', () => {
  let scenario: Scenario;
  let performance: RunningService;
  let reporting: RunningService;
  const run = randomUUID().slice(0, 6);
  const ROOT = `BU-${run}`;
  const OPS = `${ROOT}-OPS`;
  const TEAMS = [1, 2, 3, 4].map((n) => `${OPS}-T${n}`);
  const CYCLE = `C-${run}`;
  const PERIOD = '2027';
  const tokens = new Map<string, string>();

  // The head of OPS reports to the CEO (outside the cycle); four team leads report to the head;
  // 195 staff report to their team lead. 200 people in the OPS subtree.
  const num = (i: number) => `E${run}-${String(i).padStart(3, '0')}`;
  const CEO = `E${run}-CEO`;
  const people = Array.from({ length: 200 }, (_, i) => {
    if (i === 0) return { number: num(0), team: OPS, manager: CEO, position: 'Head', level: 'management' };
    if (i <= 4) return { number: num(i), team: TEAMS[i - 1], manager: num(0), position: 'Lead', level: 'management' };
    const t = (i - 5) % 4;
    return { number: num(i), team: TEAMS[t], manager: num(1 + t), position: 'Operator', level: 'staff' };
  });
  const byNumber = new Map(people.map((p) => [p.number, p]));

  const perf = () => request(performance.url);
  const rep = () => request(reporting.url);
  const token = async (name: string, claims: Omit<DevTokenClaims, 'sub'>) => {
    // One person may hold several tokens (an employee token, a manager token): key by both.
    const key = `${name}|${claims.roles.join(',')}`;
    if (!tokens.has(key)) tokens.set(key, await signDevToken({ sub: name, ...claims }));
    return `Bearer ${tokens.get(key)}`;
  };
  const admin = () => token('admin-1', { roles: ['admin'], bu: ['*'] });
  const hr = () => token('hr-1', { roles: ['hr'], bu: ['*'] });
  const auditor = () => token('auditor-1', { roles: ['auditor'], bu: ['*'] });
  const executive = () => token('exec-1', { roles: ['executive'], bu: ['*'] });
  const employee = (number: string) => token(number, { roles: ['employee'], emp: employeeIdFor(number) });
  /** The manager of `number`, with the scope a manager's token carries: the units they lead. */
  const managerOf = (number: string) => {
    const m = byNumber.get(number)!.manager;
    if (m === CEO) return token(CEO, { roles: ['manager', 'employee'], bu: [ROOT], emp: employeeIdFor(CEO) });
    // A manager governs the unit they lead: the head OPS, each lead their team.
    return token(m, { roles: ['manager', 'employee'], bu: [byNumber.get(m)!.team], emp: employeeIdFor(m) });
  };

  beforeAll(async () => {
    scenario = await startScenario(['performance', 'reporting'], { dbPrefix: 'e2e_appraisal' });
    [performance, reporting] = [scenario.service('performance'), scenario.service('reporting')];
  });

  afterAll(() => scenario?.stop());

  it('builds the organization: a unit of 200 people in four teams', async () => {
    const auth = await admin();
    await perf().post('/org/business-units').set('authorization', auth).send({ businessUnitId: ROOT, name: 'Acme', parentId: null }).expect(201);
    await perf().post('/org/business-units').set('authorization', auth).send({ businessUnitId: OPS, name: 'Operations', parentId: ROOT }).expect(201);
    for (const t of TEAMS) await perf().post('/org/business-units').set('authorization', auth).send({ businessUnitId: t, name: t, parentId: OPS }).expect(201);
    const rows = [
      [CEO, 'Chief', ROOT, 'CEO', '', 'management'],
      ...people.map((p) => [p.number, `Person ${p.number}`, p.team, p.position, p.manager, p.level]),
    ];
    const csv = ['employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level', ...rows.map((r) => r.join(','))].join('\n');
    const res = await perf().post('/org/employees/import').set('authorization', auth).set('content-type', 'text/csv').send(csv).expect(200);
    expect(res.body.accepted).toBe(201);
  });

  it('cascades a strategic goal to the unit and gives every employee a scorecard aligned with it', async () => {
    await perf().post('/goals').set('authorization', await executive()).send({ goalId: `G-${run}`, period: PERIOD, title: 'Deliver 10% more' }).expect(201);
    await perf().post(`/goals/G-${run}/cascades`).set('authorization', await hr()).send({ goalId: `G-${run}-OPS`, businessUnitId: OPS, title: 'Throughput +12%' }).expect(201);
    const auth = await hr();
    await inBatches(people, 20, async (p) => {
      const card = `/scorecards/${p.number}/${PERIOD}`;
      await perf().post(`${card}/objectives`).set('authorization', auth).send({ objectiveId: 'O-OUTPUT', title: 'Output', weight: 60, parentGoalId: `G-${run}-OPS` }).expect(201);
      await perf().post(`${card}/objectives`).set('authorization', auth).send({ objectiveId: 'O-TEAM', title: 'Teamwork', weight: 40, parentGoalId: `G-${run}-OPS` }).expect(201);
      await perf().post(`${card}/objectives/O-OUTPUT/indicators`).set('authorization', auth).send({ indicatorId: 'K-UNITS', name: 'Units shipped', target: 1000, unit: 'units', method: { kind: 'linear-ratio' } }).expect(201);
      await perf()
        .post(`${card}/objectives/O-TEAM/indicators`)
        .set('authorization', auth)
        .send({ indicatorId: 'K-BEHAVIOUR', name: 'Helps others', target: 4, unit: 'level', method: { kind: 'anchored-scale', anchors: ['never', 'rarely', 'sometimes', 'often', 'always'] } })
        .expect(201);
    });
    const tree = await perf().get('/goals/alignment').set('authorization', await executive()).query({ period: PERIOD }).expect(200);
    const root = tree.body.roots.find((g: { goalId: string }) => g.goalId === `G-${run}`);
    expect(root.children[0].objectives).toHaveLength(400);
  });

  it('opens the cycle for the unit subtree and enrols its 200 employees', async () => {
    const auth = await hr();
    await perf().post('/appraisal-cycles').set('authorization', auth).send({ cycleId: CYCLE, period: PERIOD, businessUnitId: OPS }).expect(201);
    const enrolled = await perf().post(`/appraisal-cycles/${CYCLE}/participants`).set('authorization', auth).expect(200);
    expect(enrolled.body).toMatchObject({ enrolled: 200, participants: 200 });
    await perf().post(`/appraisal-cycles/${CYCLE}/stage`).set('authorization', auth).send({ to: 'execution' }).expect(200);
    // Monthly progress during execution, reported by the employees themselves.
    await inBatches(people.slice(0, 20), 10, async (p) =>
      perf().post(`/scorecards/${p.number}/${PERIOD}/objectives/O-OUTPUT/progress`).set('authorization', await employee(p.number)).send({ month: '2027-06', actual: 480, comment: 'half way' }).expect(201),
    );
    await perf().post(`/appraisal-cycles/${CYCLE}/stage`).set('authorization', auth).send({ to: 'review' }).expect(200);
  });

  // Unit i ships 600 + 2i units and helps others at level 2-5: scores spread over every band.
  const unitsOf = (i: number) => 600 + 2 * i;
  const levelOf = (i: number) => 2 + (i % 4);

  it('collects self-assessments, 360 feedback and every manager assessment', async () => {
    await inBatches(people, 20, async (p) =>
      perf().post(`/appraisal-cycles/${CYCLE}/appraisals/${p.number}/self-assessment`).set('authorization', await employee(p.number)).send({ comment: 'My year', ratings: [{ competency: 'planning', rating: 3 }] }).expect(201),
    );
    // Upward feedback comes from the reviewee's direct reports (num(5) and num(9) report to num(1));
    // the anonymous entry is held until review ends.
    const anonymous = await perf()
      .post(`/appraisal-cycles/${CYCLE}/appraisals/${num(1)}/anonymous-feedback`)
      .set('authorization', await employee(num(9)))
      .send({ feedbackId: randomUUID(), relation: 'upward', rating: 4, comment: 'Always helps' })
      .expect(202);
    expect(anonymous.body).toEqual({ held: true });
    await perf()
      .post(`/appraisal-cycles/${CYCLE}/appraisals/${num(1)}/feedback`)
      .set('authorization', await employee(num(5)))
      .send({ feedbackId: randomUUID(), relation: 'upward', rating: 5, comment: 'Clear priorities' })
      .expect(201);

    // The managers' scope is read from the service's org copy, fed from its own events: wait for it.
    await eventually(async () => {
      await perf().get(`/scorecards/${num(5)}/${PERIOD}`).set('authorization', await managerOf(num(5))).expect(200);
    }, { timeoutMs: 60_000, intervalMs: 500 });
    await inBatches(
      people.map((p, i) => ({ p, i })),
      20,
      async ({ p, i }) =>
        perf()
          .post(`/appraisal-cycles/${CYCLE}/appraisals/${p.number}/manager-assessment`)
          .set('authorization', await managerOf(p.number))
          .send({
            results: [
              { indicatorId: 'K-UNITS', actual: unitsOf(i) },
              { indicatorId: 'K-BEHAVIOUR', actual: levelOf(i) },
            ],
            competencies: [{ competency: 'planning', rating: 1 + (i % 5), requiredLevel: 3 }],
            potential: (['low', 'medium', 'high'] as const)[i % 3],
            comment: 'Assessed',
          })
          .expect(201),
    );
    // Someone else's manager may not assess.
    const foreign = await perf()
      .post(`/appraisal-cycles/${CYCLE}/appraisals/${num(5)}/manager-assessment`)
      .set('authorization', await managerOf(num(6)))
      .send({ results: [{ indicatorId: 'K-UNITS', actual: 1 }, { indicatorId: 'K-BEHAVIOUR', actual: 1 }], competencies: [], potential: 'low', comment: '' });
    expect([403, 422]).toContain(foreign.status);
  });

  let beforeCalibration = '';

  it('calibrates ratings with a reason, keeping the distribution per unit for the committee', async () => {
    const auth = await hr();
    await perf().post(`/appraisal-cycles/${CYCLE}/stage`).set('authorization', auth).send({ to: 'calibration' }).expect(200);
    const distribution = await perf().get(`/appraisal-cycles/${CYCLE}/distribution`).set('authorization', auth).expect(200);
    expect(distribution.body.businessUnits.reduce((n: number, u: { total: number }) => n + u.total, 0)).toBe(200);
    expect(distribution.body.unassessed).toBe(0);
    beforeCalibration = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 50));
    const noReason = await perf().post(`/appraisal-cycles/${CYCLE}/appraisals/${num(7)}/calibration`).set('authorization', auth).send({ toBand: 'exceeds', reason: '   ' }).expect(400);
    expect(noReason.body.code).toBe('CALIBRATION_REASON_REQUIRED');
    for (const n of [7, 8, 9]) {
      await perf().post(`/appraisal-cycles/${CYCLE}/appraisals/${num(n)}/calibration`).set('authorization', auth).send({ toBand: 'exceeds', reason: 'Carried the team through the outage' }).expect(200);
    }
  });

  it('finalizes all 200 appraisals and lets employees acknowledge or dispute', async () => {
    const auth = await hr();
    await perf().post(`/appraisal-cycles/${CYCLE}/stage`).set('authorization', auth).send({ to: 'feedback' }).expect(200);
    const report = await perf().post(`/appraisal-cycles/${CYCLE}/finalization`).set('authorization', auth).expect(200);
    expect(report.body).toMatchObject({ finalized: 200, alreadyFinal: 0, notAssessed: [] });
    await inBatches(people.slice(20, 60), 10, async (p) =>
      perf().post(`/appraisal-cycles/${CYCLE}/appraisals/${p.number}/acknowledgement`).set('authorization', await employee(p.number)).expect(200),
    );
    await perf().post(`/appraisal-cycles/${CYCLE}/appraisals/${num(60)}/dispute`).set('authorization', await employee(num(60))).send({ reason: 'My targets changed in May' }).expect(200);
    await perf()
      .post(`/appraisal-cycles/${CYCLE}/appraisals/${num(60)}/dispute/resolution`)
      .set('authorization', auth)
      .send({ resolution: 'amended', toBand: 'meets', note: 'Targets were revised; band amended' })
      .expect(200);
    // The anonymous entry was released when review ended; the reviewee reads both, never by whom.
    const mine = await perf().get(`/appraisal-cycles/${CYCLE}/appraisals/${num(1)}`).set('authorization', await employee(num(1))).expect(200);
    expect(mine.body.peerFeedback).toHaveLength(2);
    for (const reviewer of [num(5), num(9)]) expect(JSON.stringify(mine.body.peerFeedback)).not.toContain(employeeIdFor(reviewer));
  });

  it('shows a rating as it stood before calibration, and after', async () => {
    const auth = await hr();
    const then = await perf().get(`/appraisal-cycles/${CYCLE}/appraisals/${num(7)}`).set('authorization', auth).query({ asOf: beforeCalibration }).expect(200);
    const now = await perf().get(`/appraisal-cycles/${CYCLE}/appraisals/${num(7)}`).set('authorization', auth).expect(200);
    expect(then.body.calibrations).toEqual([]);
    expect(now.body.calibrations).toMatchObject([{ fromBand: then.body.ratingBand, toBand: 'exceeds', reason: 'Carried the team through the outage' }]);
    expect(now.body.finalized).toMatchObject({ ratingBand: 'exceeds' });
  });

  it('replays the cycle under other rules and bands without writing anything', async () => {
    await perf().post(`/appraisal-cycles/${CYCLE}/stage`).set('authorization', await hr()).send({ to: 'closed' }).expect(200);
    const closed = await perf().post(`/appraisal-cycles/${CYCLE}/appraisals/${num(61)}/acknowledgement`).set('authorization', await employee(num(61))).expect(422);
    expect(closed.body.code).toBe('APPRAISAL_CYCLE_CLOSED');
    const before = (await perf().get('/history/verify').set('authorization', await auditor()).expect(200)).body.eventsChecked;
    const whatIf = await perf()
      .post(`/appraisal-cycles/${CYCLE}/what-if`)
      .set('authorization', await hr())
      .send({ rulesVersion: 2, weights: { 'O-OUTPUT': 80, 'O-TEAM': 20 }, bands: [{ name: 'low', from: 0 }, { name: 'high', from: 75 }] })
      .expect(200);
    expect(whatIf.body.outcomes).toHaveLength(200);
    for (const o of whatIf.body.outcomes) expect(o.delta).toBeCloseTo(o.after - o.before, 2);
    expect(whatIf.body.outcomes.some((o: { delta: number }) => o.delta !== 0)).toBe(true);
    const after = (await perf().get('/history/verify').set('authorization', await auditor()).expect(200)).body;
    expect(after).toMatchObject({ ok: true, eventsChecked: before });
  });

  it('lists one AppraisalFinalized per employee in the reporting audit trail, with who, when and the chain', async () => {
    const auth = await auditor();
    const items: { type: string; streamId: string; businessUnitId: string; correlationId: string; data: { cycleId: string; employeeId: string; score: number; ratingBand: string } }[] = [];
    await eventually(
      async () => {
        items.length = 0;
        let after: string | null = null;
        do {
          const page: request.Response = await rep()
            .get('/audit/events')
            .set('authorization', auth)
            .query({ type: 'performance.AppraisalFinalized', limit: 100, ...(after ? { after } : {}) })
            .expect(200);
          items.push(...page.body.items.filter((i: { data?: { cycleId?: string } }) => i.data?.cycleId === CYCLE));
          after = page.body.next;
        } while (after);
        expect(items).toHaveLength(200);
      },
      { timeoutMs: 90_000, intervalMs: 1000 },
    );
    expect(new Set(items.map((i) => i.data.employeeId))).toEqual(new Set(people.map((p) => employeeIdFor(p.number))));
    for (const i of items) {
      expect(i.streamId).toBe(`performance-appraisal-${CYCLE}-${i.data.employeeId}`);
      expect([OPS, ...TEAMS]).toContain(i.businessUnitId);
      expect(i.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(i.data.score).toBeGreaterThanOrEqual(0);
      expect(i.data.score).toBeLessThanOrEqual(100);
    }
    const calibrated = items.find((i) => i.data.employeeId === employeeIdFor(num(7)))!;
    expect(calibrated.data.ratingBand).toBe('exceeds');
  });
});
