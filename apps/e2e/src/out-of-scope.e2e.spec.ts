import path from 'node:path';
import type { Type } from '@nestjs/common';
import request from 'supertest';
import { Client } from 'pg';
import { declaredRoutes, HUMAN_ROLES, signDevToken, type DeclaredRoute } from '@tpm/auth';
import { employeeIdFor, employeeStream } from '@tpm/performance-application';
import { eventually } from '@tpm/testing';
import type { RunningService } from './boot-service';
import { startScenario, type Scenario } from './scenario';

/**
 * Generated from the routes every AppModule declares: each route that names a record (a path
 * parameter, or a body or query field a scope rule reads) is called with a token of every role,
 * scoped to BU-B, naming records of its sibling BU-A. Each call must be refused (403 or 404) and
 * write nothing (the service's event count stays). A route added later is walked too; one that
 * needs a body fails here until a sample body is given below. Deliberately shared routes are
 * listed with their reason (and in docs/adr/0018-owning-unit-of-every-record.md).
 */
const SERVICES = ['training', 'performance', 'coaching', 'rewards', 'reporting'] as const;
type Service = (typeof SERVICES)[number];
const root = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const appModule = (name: string): Type<unknown> => require(path.join(root, 'apps', name, 'src', 'app.module')).AppModule;

const A = 'BU-A';
const EA = 'EA1';
const EA_ID = employeeIdFor(EA);
const plan = {
  objectives: ['Close more'],
  content: 'Negotiation',
  format: ['workshop'],
  timeline: { from: '2027-02-01', to: '2027-06-30' },
  budget: 1000,
  currency: 'EUR',
  trainers: [],
  audience: { level: 'staff', description: 'sales' },
  programIds: ['P-A'],
};
const program = { title: 'Negotiation', competencies: ['Negotiation'], method: 'workshop', audienceLevel: 'staff', prerequisites: [], criteria: { minAttendanceShare: 0.5, minExamScore: null } };
const rewardsPolicy = {
  policyId: 'POL-A',
  businessUnitId: A,
  cycleId: 'C-A',
  name: 'A 2027',
  effectiveFrom: '2027-01-01',
  rules: {
    currency: 'EUR',
    bands: [{ minRank: 2, bonusPercent: 5, minPercent: 3, maxPercent: 7, recognitionPoints: 10, promotionEligible: false }],
    targetBandRank: 2,
    missedGoals: { indicatorScoreBelow: 40, withholdBonus: false, demotionReview: false },
    eligibility: { minTenureDays: 0, excludeFailedPlan: false },
    prorate: false,
    budgetCap: 1000,
    paymentDueOn: '2028-03-31',
    approvalChain: [{ step: 'manager', role: 'manager', above: 0 }],
    promotion: { minRank: 3, consecutiveCycles: 2 },
    transfer: null,
    trainingRecognitionPoints: 0,
  },
};
const later = { startsAt: '2027-09-06T09:00:00.000Z', endsAt: '2027-09-06T17:00:00.000Z' };

/** What every path parameter names: a record of BU-A (or, for a stream, its history). */
const PARAMS: Record<string, string | ((svc: Service) => string)> = {
  businessUnitId: A,
  employeeNumber: EA,
  employeeId: EA_ID,
  sessionId: 'S-A',
  planId: 'PL-A',
  programId: 'P-A',
  resourceId: 'R-A',
  bookingId: 'B-A',
  reviewId: 'RV-A',
  cycleId: 'C-A',
  goalId: 'G-A',
  objectiveId: 'O-A',
  period: '2027',
  correlationId: '00000000-0000-4000-8000-00000000000a',
  reviewerEmployeeNumber: 'MA',
  // A verification job id: jobs are the whole store's, so any id a BU-B caller names is unknown to it.
  id: '00000000-0000-4000-8000-0000000000ab',
  policyId: 'POL-A',
  proposalId: '00000000-0000-4000-8000-0000000000ac',
  grantId: '00000000-0000-4000-8000-0000000000ad',
  engagementId: 'ENG-A',
  difficultyId: 'D-A',
  noteId: 'N-A',
  actionItemId: 'AI-A',
  actionId: 'PA-A',
  streamId: (svc) => ({ training: 'training-session-S-A', performance: employeeStream(EA_ID) })[svc as string] ?? `${svc}-none-A`,
};
const QUERIES: Record<string, Record<string, string>> = {
  'GET /training/needs': { businessUnitId: A },
  'GET /audit/events': { businessUnitId: A },
  'GET /rewards/policies': { businessUnitId: A },
  'GET /rewards/proposals': { businessUnitId: A },
  'GET /coaching/engagements': { businessUnitId: A },
  'GET /coaching/difficulties': { businessUnitId: A },
  'GET /coaching/monthly-reviews': { businessUnitId: A },
  'GET /coaching/monthly-reviews/overdue': { businessUnitId: A },
  'GET /coaching/improvement-plans': { businessUnitId: A },
  'GET /dashboards/org/units': { unit: A },
  'GET /dashboards/performance/distribution': { unit: A },
  'GET /dashboards/performance/by-manager': { unit: A },
  'GET /dashboards/performance/heatmap': { unit: A },
  'GET /dashboards/performance/nine-box': { unit: A },
  'GET /dashboards/performance/calibration': { unit: A },
  'GET /dashboards/performance/completion': { unit: A },
  'GET /dashboards/performance/trend': { unit: A },
  'GET /dashboards/performance/appraisals': { unit: A, format: 'csv' },
  'GET /dashboards/training': { unit: A },
  'GET /dashboards/coaching': { unit: A },
  'GET /dashboards/rewards': { unit: A },
};
/** A valid body per writing route, naming BU-A or its records wherever it names one. */
const BODIES: Record<string, object | string> = {
  'POST /coaching/engagements': { engagementId: 'ENG-NEW', coacheeId: EA_ID, coachKind: 'manager', goals: [], cadence: 'weekly' },
  'POST /coaching/engagements/:engagementId/pause': {},
  'POST /coaching/engagements/:engagementId/resume': {},
  'POST /coaching/engagements/:engagementId/close': { outcome: 'other' },
  'POST /coaching/engagements/:engagementId/style-override': { style: 'specific-instruction', reason: 'x' },
  'POST /coaching/engagements/:engagementId/style-evaluation': {},
  'POST /coaching/sessions': { sessionId: 'S-NEW', engagementId: 'ENG-A', kind: 'ad-hoc', scheduledFor: later.startsAt },
  'POST /coaching/sessions/:sessionId/agenda': { pointId: 'TP-NEW', text: 'x' },
  'POST /coaching/sessions/:sessionId/answers': { answers: { progress: 'x' } },
  'POST /coaching/sessions/:sessionId/praise': { praiseId: 'PR-NEW', behaviour: 'Prepared the client call well', example: 'At the Acme call she brought three fallback offers' },
  'POST /coaching/sessions/:sessionId/action-items': { actionItemId: 'AI-NEW', text: 'x', ownerId: EA_ID, dueOn: '2027-09-30' },
  'POST /coaching/sessions/:sessionId/action-items/:actionItemId/completion': {},
  'POST /coaching/sessions/:sessionId/held': { durationMinutes: 10, coveredPointIds: [] },
  'POST /coaching/sessions/:sessionId/cancel': { reason: 'x' },
  'POST /coaching/difficulties': { difficultyId: 'D-NEW', engagementId: 'ENG-A', kind: 'skill-gap', competency: 'Negotiation', currentLevel: 1, requiredLevel: 3, description: 'x' },
  'POST /coaching/difficulties/:difficultyId/assignment': { assigneeId: 'EB1' },
  'POST /coaching/difficulties/:difficultyId/resolution': { resolution: 'x' },
  'POST /coaching/private-notes': { noteId: 'N-NEW', engagementId: 'ENG-A', text: 'x' },
  'POST /coaching/private-notes/:noteId/revisions': { text: 'taken over' },
  'POST /coaching/monthly-reviews': { reviewId: 'RV-NEW', employeeId: EA_ID, month: '2027-09', dueOn: '2027-09-30' },
  'POST /coaching/monthly-reviews/:reviewId/submission': { objectives: [], lastMonthReport: 'x', nextMonthPlan: 'x', suggestions: '', managerSummary: 'x', expectations: '' },
  'POST /coaching/improvement-plans': { planId: 'PIP-NEW', employeeId: EA_ID, reason: 'x', endsOn: '2027-12-31' },
  'POST /coaching/improvement-plans/:planId/actions': { actionId: 'PA-NEW', text: 'x', dueOn: '2027-09-30', support: '' },
  'POST /coaching/improvement-plans/:planId/actions/:actionId/completion': {},
  'POST /coaching/improvement-plans/:planId/approval': {},
  'POST /coaching/improvement-plans/:planId/acknowledgement': {},
  'POST /coaching/improvement-plans/:planId/progress-checks': { checkId: 'PC-NEW', onTrack: true, note: '' },
  'POST /coaching/improvement-plans/:planId/extension': { endsOn: '2028-01-31', reason: 'x' },
  'POST /coaching/improvement-plans/:planId/closure': { outcome: 'failed' },
  'POST /training/needs': { employeeId: EA_ID, businessUnitId: A, competency: 'Negotiation', currentLevel: 1, requiredLevel: 3, source: 'manager-request' },
  'POST /training/needs/obsolete': { employeeId: EA_ID, businessUnitId: A, competency: 'Negotiation', reason: 'x' },
  'POST /training/plans': { planId: 'PL-NEW', businessUnitId: A, period: '2027', content: plan },
  'POST /training/plans/:planId/approve': {},
  'POST /training/plans/:planId/submit': {},
  'POST /training/plans/:planId/revisions': { reason: 'x', content: plan },
  'POST /training/plans/:planId/spend': { spendId: 'SP-1', amount: 10, description: 'x' },
  'POST /training/programs': { ...program, programId: 'P-NEW', businessUnitId: A },
  'POST /training/programs/:programId/review-check': {},
  'POST /training/programs/:programId/reviews/:reviewId/actions': { description: 'x', owner: 'y' },
  'POST /training/programs/:programId/reviews/:reviewId/next-version': { changes: { title: 'x' } },
  'POST /training/programs/:programId/revisions': { changes: { title: 'Taken over' } },
  'POST /training/resources': { resourceId: 'R-NEW', businessUnitId: A, kind: 'venue', name: 'x' },
  'POST /training/resources/:resourceId/bookings': { bookingId: 'B-NEW', from: '2027-10-01T09:00:00.000Z', to: '2027-10-01T10:00:00.000Z' },
  'POST /training/sessions': { sessionId: 'S-NEW', programId: 'P-A', businessUnitId: A, ...later, meetings: 1, capacity: 5 },
  'POST /training/sessions/:sessionId/attendance': { employeeId: EA_ID, meeting: 1, present: true },
  'POST /training/sessions/:sessionId/cancel': { reason: 'x' },
  'POST /training/sessions/:sessionId/complete': {},
  'POST /training/sessions/:sessionId/enrolments': { employeeId: EA_ID },
  'POST /training/sessions/:sessionId/exam-scores': { employeeId: EA_ID, score: 50 },
  'POST /training/sessions/:sessionId/evaluations/:employeeId/behaviour': { rating: 3, applied: true, notes: 'x' },
  'POST /training/sessions/:sessionId/evaluations/:employeeId/learning-tests': { phase: 'pre', score: 50 },
  'POST /training/sessions/:sessionId/evaluations/:employeeId/reaction': { answers: [{ question: 'q', rating: 3 }] },
  'POST /training/follow-ups/:sessionId/:employeeId/checks': { day: 30, applied: true, support: 'x' },
  'POST /appraisal-cycles': { cycleId: 'C-NEW', period: '2027', businessUnitId: A },
  'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/acknowledgement': {},
  'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/calibration': { toBand: 'meets', reason: 'x' },
  'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/delegation': { delegateEmployeeNumber: 'MA' },
  'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/dispute': { reason: 'x' },
  'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/dispute/resolution': { resolution: 'upheld', note: 'x' },
  'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/feedback': { feedbackId: '00000000-0000-4000-8000-0000000000fb', relation: 'peer', anonymous: false, rating: 3, comment: 'x' },
  'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/anonymous-feedback': { feedbackId: '00000000-0000-4000-8000-0000000000fc', relation: 'peer', rating: 3, comment: 'x' },
  'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/reviewers': { reviewerEmployeeNumber: 'MA' },
  'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/reviewers/:reviewerEmployeeNumber/approval': {},
  'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/manager-assessment': { results: [], competencies: [], potential: 'low', comment: 'x' },
  'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/self-assessment': { comment: 'x' },
  'POST /appraisal-cycles/:cycleId/finalization': {},
  'POST /appraisal-cycles/:cycleId/participants': {},
  'POST /appraisal-cycles/:cycleId/stage': { to: 'execution' },
  'POST /appraisal-cycles/:cycleId/what-if': {},
  'POST /goals/:goalId/cascades': { goalId: 'G-NEW', businessUnitId: A, title: 'x' },
  'POST /org/business-units': { businessUnitId: 'BU-A-NEW', name: 'x', parentId: A },
  'POST /org/business-units/:businessUnitId/rename': { name: 'Taken over' },
  'POST /org/business-units/:businessUnitId/reparent': { parentId: 'BU-B' },
  'POST /org/employees': { employeeNumber: 'EA-NEW', name: 'x', businessUnitId: A, position: 'p', managerEmployeeNumber: null, level: 'staff' },
  'POST /org/employees/:employeeNumber/manager': { managerEmployeeNumber: null },
  'POST /org/employees/:employeeNumber/offboard': {},
  'POST /privacy/erasures': { employeeNumber: EA, reason: 'GDPR Art. 17 request' },
  'POST /org/employees/:employeeNumber/transfer': { toBusinessUnitId: 'BU-B' },
  // Space before the quote: the cell the scope filter and the importer once read differently.
  'POST /org/employees/import': `employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level\nEA-CSV,x, "${A}",p,,staff\n${EA},x, "BU-B",p,,staff`,
  'POST /scorecards/:employeeNumber/:period/objectives': { objectiveId: 'O-NEW', title: 'x', weight: 10 },
  'POST /scorecards/:employeeNumber/:period/objectives/:objectiveId/indicators': { indicatorId: 'K-1', name: 'x', target: 1, unit: 'u', method: { kind: 'linear-ratio' } },
  'POST /scorecards/:employeeNumber/:period/objectives/:objectiveId/progress': { month: '2027-04', actual: 1, comment: '' },
  'POST /scorecards/:employeeNumber/:period/weights': { weights: [{ objectiveId: 'O-A', weight: 100 }] },
  'POST /rewards/policies': { ...rewardsPolicy, policyId: 'POL-NEW' },
  'POST /rewards/policies/:policyId/versions': { effectiveFrom: '2099-01-01', rules: rewardsPolicy.rules },
  'POST /rewards/policies/:policyId/effect-measurements': {},
  'POST /rewards/proposals/:proposalId/adjustments': { amount: 1, reason: 'taken over' },
  'POST /rewards/proposals/:proposalId/approvals': {},
  'POST /rewards/proposals/:proposalId/rejections': { reason: 'taken over' },
  'POST /rewards/grants/:grantId/payments': { paidOn: '2028-01-01' },
  'POST /rewards/grants/:grantId/revocations': { reason: 'taken over' },
  'POST /rewards/surveys': { employeeId: EA_ID, cycleId: 'C-A', rating: 1 },
  'POST /rewards/pay/import': `employeeNumber,basePay,currency,effectiveFrom,startedOn\n${EA},1,EUR,2027-01-01,2020-01-01`,
};
/** Routes that name a record by the body only, without a scope rule the declarations show. */
const BODY_NAMED = new Set(['POST /org/employees/import', 'POST /rewards/pay/import']);

/**
 * Deliberately shared: who may get an answer other than 403/404, why, and what must hold then.
 * Everything else a BU-B token asks of BU-A is refused.
 */
const SHARED: Record<string, { reason: string; roles: readonly string[]; check: (res: request.Response) => void }> = {
  'GET /training/programs/:programId': {
    reason: 'the program catalogue: every role browses definitions to enrol and plan; figures, revisions and reviews are the owning unit\'s',
    roles: HUMAN_ROLES,
    check: (res) => expect([200, 403]).toContain(res.status),
  },
  'GET /training/sessions/:sessionId': {
    reason: 'employees browse sessions to enrol: they see the plan and their own enrolment only, never the roster or scores',
    roles: ['employee'],
    check: (res) => expect(res.body).toMatchObject({ seated: [], waitlist: [], attendance: {}, examScores: {} }),
  },
  'POST /org/employees/import': {
    reason: 'a file is refused row by row (the rest lands): every row naming BU-A is rejected, nothing is written',
    roles: ['hr'],
    check: (res) => expect(res.body).toMatchObject({ accepted: 0, unchanged: 0, rejected: [expect.objectContaining({ row: 1 }), expect.objectContaining({ row: 2 })] }),
  },
  'POST /rewards/pay/import': {
    reason: 'a pay file is refused row by row: the row naming a BU-A employee is rejected, nothing is written',
    roles: ['hr'],
    check: (res) => expect(res.body).toMatchObject({ accepted: 0, unchanged: 0, rejected: [expect.objectContaining({ row: 1 })] }),
  },
  'GET /audit/correlations/:correlationId': {
    reason: 'a correlation chain crosses units: a scoped auditor gets the items of their units only, never BU-A\'s',
    roles: ['auditor'],
    check: (res) => expect((res.body.items as { businessUnitId: string | null }[]).filter((i) => i.businessUnitId !== 'BU-B')).toEqual([]),
  },
  'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/feedback': {
    reason: '360 feedback comes from nominated and approved reviewers of any unit (ARCHITECTURE): refused by the nomination rule (422), not by unit',
    roles: ['employee', 'manager'],
    check: (res) => expect([403, 404, 422]).toContain(res.status),
  },
  'POST /appraisal-cycles/:cycleId/appraisals/:employeeNumber/anonymous-feedback': {
    reason: 'anonymous 360 feedback: the same reviewers of any unit, refused by the nomination rule (422), and held outside the log (ADR 0017)',
    roles: ['employee', 'manager'],
    check: (res) => expect([403, 404, 422]).toContain(res.status),
  },
};

/** Every role a token can carry, but admin: admins govern every unit by design, so no unit is out of their scope. */
const ROLES = HUMAN_ROLES.filter((r) => r !== 'admin');

const key = (r: Pick<DeclaredRoute, 'method' | 'path'>) => `${r.method} ${r.path}`;
const namesRecord = (r: DeclaredRoute) => r.access !== 'public' && (r.path.includes(':') || r.scope.some((s) => /(body|query):/.test(s)) || BODY_NAMED.has(key(r)));
const walked: Record<Service, DeclaredRoute[]> = Object.fromEntries(SERVICES.map((s) => [s, declaredRoutes(appModule(s)).filter(namesRecord)])) as never;

describe('out of scope: every declared route, every role, a sibling unit\'s records', () => {
  let scenario: Scenario;
  const dbs = new Map<Service, Client>();
  const tokens: Record<string, string> = {};
  let admin: string;

  const call = (svc: RunningService, method: string, url: string, auth: string, body?: object | string, correlationId?: string) => {
    let r = request(svc.url)[method.toLowerCase() as 'get' | 'post' | 'delete'](url).set('authorization', auth);
    if (correlationId) r = r.set('x-correlation-id', correlationId);
    if (typeof body === 'string') r = r.set('content-type', 'text/csv');
    return body === undefined ? r : r.send(body);
  };
  // Reporting keeps no event store (its routes only read): its count stays 0.
  const events = async (svc: Service) => (svc === 'reporting' ? 0 : Number((await dbs.get(svc)!.query('SELECT count(*) AS n FROM es.events')).rows[0].n));

  beforeAll(async () => {
    scenario = await startScenario([...SERVICES], { dbPrefix: 'oos' });
    for (const s of SERVICES) {
      const db = new Client({ connectionString: scenario.databaseUrl(s) });
      await db.connect();
      dbs.set(s, db);
    }
    admin = `Bearer ${await signDevToken({ sub: 'admin', roles: ['admin'] })}`;
    for (const role of ROLES) {
      const emp = role === 'employee' ? 'EB1' : role === 'manager' ? 'MB' : undefined;
      tokens[role] = `Bearer ${await signDevToken({ sub: `${role}-b`, roles: [role], bu: ['BU-B'], ...(emp ? { emp: employeeIdFor(emp) } : {}) })}`;
    }
    const perf = scenario.service('performance');
    const trn = scenario.service('training');
    // Every fixture write shares one correlation id, so the audit trail has a BU-A chain to refuse.
    const asAdmin = async (svc: RunningService, url: string, body: object) => {
      const res = await call(svc, 'POST', url, admin, body, PARAMS.correlationId as string);
      if (res.status >= 300) throw new Error(`fixture POST ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
    };

    // Two sibling units under one root; records in BU-A only.
    await asAdmin(perf, '/org/business-units', { businessUnitId: 'ROOT', name: 'Acme', parentId: null });
    for (const id of [A, 'BU-B']) await asAdmin(perf, '/org/business-units', { businessUnitId: id, name: id, parentId: 'ROOT' });
    for (const [n, unit, level, manager] of [['MA', A, 'management', null], [EA, A, 'staff', 'MA'], ['MB', 'BU-B', 'management', null], ['EB1', 'BU-B', 'staff', 'MB']] as const) {
      await asAdmin(perf, '/org/employees', { employeeNumber: n, name: n, businessUnitId: unit, position: 'P', managerEmployeeNumber: manager, level });
    }
    await asAdmin(perf, '/goals', { goalId: 'G-ORG', period: '2027', title: 'Grow' });
    await asAdmin(perf, '/goals/G-ORG/cascades', { goalId: 'G-A', businessUnitId: A, title: 'A grows' });
    await asAdmin(perf, '/appraisal-cycles', { cycleId: 'C-A', period: '2027', businessUnitId: A });
    await asAdmin(perf, `/scorecards/${EA}/2027/objectives`, { objectiveId: 'O-A', title: 'Sell', weight: 100, parentGoalId: 'G-A' });
    // Every service's org copy must know both units and all four employees before scope is asked.
    for (const s of ['training', 'performance', 'rewards'] as const) {
      await eventually(
        async () => {
          const { rows } = await dbs.get(s)!.query(`SELECT (SELECT count(*) FROM org_reference.employees)::int AS e, (SELECT count(*) FROM org_reference.business_units)::int AS u`);
          expect(rows[0]).toEqual({ e: 4, u: 3 });
        },
        { timeoutMs: 60_000, intervalMs: 300 },
      );
    }
    await eventually(async () => expect((await call(scenario.service('reporting'), 'GET', '/org/business-units/BU-B', admin)).status).toBe(200), { timeoutMs: 60_000, intervalMs: 300 });

    await asAdmin(trn, '/training/programs', { ...program, programId: 'P-A', businessUnitId: A });
    await asAdmin(trn, '/training/resources', { resourceId: 'R-A', businessUnitId: A, kind: 'venue', name: 'Room A' });
    await asAdmin(trn, '/training/resources/R-A/bookings', { bookingId: 'B-A', from: '2027-08-01T09:00:00.000Z', to: '2027-08-01T10:00:00.000Z' });
    await asAdmin(trn, '/training/plans', { planId: 'PL-A', businessUnitId: A, period: '2027', content: plan });
    await asAdmin(trn, '/training/sessions', { sessionId: 'S-A', programId: 'P-A', businessUnitId: A, ...later, meetings: 1, capacity: 5, venueId: 'R-A' });
    await asAdmin(trn, '/training/sessions/S-A/enrolments', { employeeId: EA_ID });
    await asAdmin(trn, '/training/sessions/S-A/exam-scores', { employeeId: EA_ID, score: 42 });
    await asAdmin(scenario.service('rewards'), '/rewards/policies', rewardsPolicy);
    await asAdmin(trn, '/training/needs', { employeeId: EA_ID, businessUnitId: A, competency: 'Negotiation', currentLevel: 1, requiredLevel: 3, source: 'manager-request' });
    // Coaching records of BU-A, once coaching's org copy knows the units and people.
    const cch = scenario.service('coaching');
    await eventually(async () => expect(Number((await dbs.get('coaching')!.query('SELECT count(*) AS n FROM org_reference.employees')).rows[0].n)).toBe(4), { timeoutMs: 60_000, intervalMs: 300 });
    await asAdmin(cch, '/coaching/engagements', { engagementId: 'ENG-A', coacheeId: EA_ID, coachId: employeeIdFor('MA'), coachKind: 'manager', goals: [], cadence: 'weekly' });
    await asAdmin(cch, '/coaching/sessions', { sessionId: 'S-A', engagementId: 'ENG-A', kind: 'ad-hoc', scheduledFor: later.startsAt });
    await asAdmin(cch, '/coaching/sessions/S-A/action-items', { actionItemId: 'AI-A', text: 'x', ownerId: EA_ID, dueOn: '2027-09-30' });
    await asAdmin(cch, '/coaching/difficulties', { difficultyId: 'D-A', engagementId: 'ENG-A', kind: 'external-obstacle', description: 'x', request: { need: 'authority', assigneeId: employeeIdFor('MA'), dueOn: '2027-09-30' } });
    await asAdmin(cch, '/coaching/monthly-reviews', { reviewId: 'RV-A', employeeId: EA_ID, reviewerId: employeeIdFor('MA'), month: '2027-09', dueOn: '2027-09-30' });
    await asAdmin(cch, '/coaching/improvement-plans', { planId: 'PL-A', employeeId: EA_ID, reason: 'x', endsOn: '2027-12-31' });
    await asAdmin(cch, '/coaching/improvement-plans/PL-A/actions', { actionId: 'PA-A', text: 'x', dueOn: '2027-09-30', support: '' });
  });

  afterAll(async () => {
    for (const db of dbs.values()) await db.end();
    await scenario?.stop();
  });

  it('walks routes of every service and gives every writing route a sample body', () => {
    const all = SERVICES.flatMap((s) => walked[s]);
    const missing = all.filter((r) => r.method !== 'GET' && r.method !== 'DELETE' && !(key(r) in BODIES)).map(key);
    expect(missing).toEqual([]);
    expect(walked.training.length).toBeGreaterThan(30);
    expect(walked.performance.length).toBeGreaterThan(25);
  });

  it.each(SERVICES)('%s: a BU-B token of each role is refused every BU-A record, and nothing is written', async (svc) => {
    const running = scenario.service(svc);
    const failures: string[] = [];
    for (const route of walked[svc]) {
      const url =
        route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
          const v = PARAMS[name];
          if (v === undefined) throw new Error(`no plausible BU-A id for :${name} (${key(route)}): add one to PARAMS`);
          return encodeURIComponent(typeof v === 'function' ? v(svc) : v);
        }) + (QUERIES[key(route)] ? `?${new URLSearchParams(QUERIES[key(route)])}` : '');
      const shared = SHARED[key(route)];
      for (const role of ROLES) {
        const before = await events(svc);
        const res = await call(running, route.method, url, tokens[role], BODIES[key(route)]);
        const after = await events(svc);
        const label = `${role} ${route.method} ${url} → ${res.status} ${res.body?.code ?? ''}`;
        if (after !== before) failures.push(`${label}: wrote ${after - before} event(s)`);
        if (shared && shared.roles.includes(role) && ![403, 404].includes(res.status)) {
          try {
            shared.check(res);
          } catch (e) {
            failures.push(`${label}: shared route, but ${(e as Error).message.split('\n')[0]}`);
          }
        } else if (![403, 404].includes(res.status)) failures.push(label);
      }
    }
    expect(failures).toEqual([]);
  });

  it('tells a caller whose unit the local copy has not seen yet to retry, with Retry-After', async () => {
    const hrB = `Bearer ${await signDevToken({ sub: 'hr-b', roles: ['hr'], bu: ['BU-B'] })}`;
    const res = await call(scenario.service('training'), 'POST', '/training/plans', hrB, { planId: 'PL-LAG', businessUnitId: 'BU-B-JUST-CREATED', period: '2027', content: plan });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('SCOPE_NOT_YET_KNOWN');
    expect(res.headers['retry-after']).toBe('2');
  });
});
