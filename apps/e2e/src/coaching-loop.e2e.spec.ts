import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signDevToken } from '@tpm/auth';
import { topicOf, type Envelope } from '@tpm/contracts';
import { employeeIdFor } from '@tpm/performance-application';
import { eventually, testKafka, uniqueName } from '@tpm/testing';
import type { Consumer } from 'kafkajs';
import type { RunningService } from './boot-service';
import { startScenario, type Scenario } from './scenario';

/**
 * The coaching loop end to end on real services (performance, coaching, training), real
 * PostgreSQL and Kafka: an appraisal finalized in performance with a low band → an improvement
 * plan opened in coaching, in the appraisal's chain → 1:1s with carried-over talking points and
 * action items → a skill gap reported → a training need in training with the same correlation
 * chain → the plan closes as failed → coaching.ImprovementPlanClosed on coaching.events.
 */
describe('coaching loop: low appraisal → improvement plan → 1:1s → skill gap → training need → plan failed', () => {
  let scenario: Scenario;
  let performance: RunningService;
  let coaching: RunningService;
  let training: RunningService;
  let consumer: Consumer;
  const published: Envelope[] = [];
  const chain = randomUUID();
  const tokens: Record<string, string> = {};
  const id = (n: string) => employeeIdFor(n);
  const as = (svc: () => RunningService, who: string, correlationId: string = chain) => {
    const headers = { authorization: `Bearer ${tokens[who]}`, 'x-correlation-id': correlationId };
    return { get: (url: string) => request(svc().url).get(url).set(headers), post: (url: string) => request(svc().url).post(url).set(headers) };
  };
  const perf = (who: string) => as(() => performance, who, randomUUID());
  const coach = (who: string) => as(() => coaching, who);
  let planId = '';

  beforeAll(async () => {
    scenario = await startScenario(['performance', 'coaching', 'training'], { dbPrefix: 'coachloop', env: { PROJECTION_POLL_MS: '100' } });
    [performance, coaching, training] = ['performance', 'coaching', 'training'].map((s) => scenario.service(s));
    process.env.KAFKA_TOPIC_PREFIX = scenario.namespace;
    consumer = testKafka().consumer({ groupId: uniqueName('coaching-events-e2e') });
    await consumer.connect();
    await consumer.subscribe({ topic: topicOf('coaching'), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void published.push(JSON.parse(String(message.value))) });
    const bearer = (sub: string, roles: string[], bu: string[] = [], emp?: string) => signDevToken({ sub, roles, bu, ...(emp ? { emp: id(emp) } : {}) });
    Object.assign(tokens, {
      admin: await bearer('admin-1', ['admin']),
      hr: await bearer('hr-1', ['hr'], ['BU-ROOT']),
      manager: await bearer('M1', ['manager', 'employee'], ['BU-SALES'], 'M1'),
      E1: await bearer('E1', ['employee'], [], 'E1'),
    });
    const admin = perf('admin');
    await admin.post('/org/business-units').send({ businessUnitId: 'BU-ROOT', name: 'Acme', parentId: null }).expect(201);
    await admin.post('/org/business-units').send({ businessUnitId: 'BU-SALES', name: 'Sales', parentId: 'BU-ROOT' }).expect(201);
    await admin.post('/org/employees').send({ employeeNumber: 'M1', name: 'Mia', businessUnitId: 'BU-SALES', position: 'Head', managerEmployeeNumber: null, level: 'management' }).expect(201);
    await admin.post('/org/employees').send({ employeeNumber: 'E1', name: 'Eve', businessUnitId: 'BU-SALES', position: 'Account manager', managerEmployeeNumber: 'M1', level: 'staff' }).expect(201);
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await scenario?.stop();
  });

  it('1. finalizes a low appraisal in performance', async () => {
    const hr = perf('hr');
    // Performance's scope is read from its org copy, fed from its own events: retry until it knows the unit (the POST is idempotent).
    await eventually(() => hr.post('/scorecards/E1/2027/objectives').send({ objectiveId: 'O-SALES', title: 'Revenue', weight: 100 }).expect(201), { timeoutMs: 60_000, intervalMs: 300 });
    await hr.post('/scorecards/E1/2027/objectives/O-SALES/indicators').send({ indicatorId: 'K-REV', name: 'Revenue', target: 100, unit: 'k€', method: { kind: 'linear-ratio' } }).expect(201);
    await hr.post('/appraisal-cycles').send({ cycleId: 'C-2027', period: '2027', businessUnitId: 'BU-SALES' }).expect(201);
    await hr.post('/appraisal-cycles/C-2027/participants').expect(200);
    await hr.post('/appraisal-cycles/C-2027/stage').send({ to: 'execution' }).expect(200);
    await hr.post('/appraisal-cycles/C-2027/stage').send({ to: 'review' }).expect(200);
    await eventually(() => perf('manager').get('/scorecards/E1/2027').expect(200), { timeoutMs: 60_000, intervalMs: 300 });
    await perf('manager')
      .post('/appraisal-cycles/C-2027/appraisals/E1/manager-assessment')
      .send({ results: [{ indicatorId: 'K-REV', actual: 30 }], competencies: [{ competency: 'Planning', rating: 1, requiredLevel: 3 }], potential: 'medium', comment: 'Well below target' })
      .expect(201);
    await hr.post('/appraisal-cycles/C-2027/stage').send({ to: 'calibration' }).expect(200);
    await hr.post('/appraisal-cycles/C-2027/stage').send({ to: 'feedback' }).expect(200);
    // The finalization request starts the chain every later step carries.
    expect((await as(() => performance, 'hr').post('/appraisal-cycles/C-2027/finalization').expect(200)).body).toMatchObject({ finalized: 1 });
  });

  it('2. opens an improvement plan in coaching, in the appraisal’s correlation chain', async () => {
    const plans = await eventually(
      async () => {
        const body = (await coach('hr').get('/coaching/improvement-plans').query({ businessUnitId: 'BU-SALES' }).expect(200)).body;
        expect(body).toHaveLength(1);
        return body;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(plans[0]).toMatchObject({ employeeId: id('E1'), openedBy: 'appraisal', status: 'opened', correlationId: chain });
    planId = plans[0].planId;
    await eventually(() => expect(published.filter((e) => e.type === 'coaching.ImprovementPlanOpened')).toMatchObject([{ correlationId: chain, data: { planId, openedBy: 'appraisal' } }]), { timeoutMs: 60_000 });
  });

  it('3. runs 1:1s whose uncovered talking points and open action items carry over', async () => {
    // Coaching's org copy must know the coachee (a retried start is idempotent).
    await eventually(
      () => coach('manager').post('/coaching/engagements').send({ engagementId: 'ENG-E1', coacheeId: id('E1'), coachKind: 'manager', goals: ['O-SALES'], cycleId: 'C-2027', cadence: 'weekly' }).expect(201),
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    const engagement = (await coach('manager').get('/coaching/engagements/ENG-E1').expect(200)).body;
    expect(engagement.recommendation).toMatchObject({ style: 'specific-instruction', version: 1, reasons: ['competency-gap:planning=2'] });
    await coach('manager').post('/coaching/sessions').send({ sessionId: 'S-1', engagementId: 'ENG-E1', kind: 'ad-hoc', scheduledFor: new Date().toISOString() }).expect(201);
    await coach('E1').post('/coaching/sessions/S-1/agenda').send({ pointId: 'TP-1', text: 'I lose deals on price' }).expect(201);
    await coach('manager').post('/coaching/sessions/S-1/agenda').send({ pointId: 'TP-2', text: 'Pipeline for Q3' }).expect(201);
    await coach('manager').post('/coaching/sessions/S-1/action-items').send({ actionItemId: 'AI-1', text: 'Shadow two senior negotiations', ownerId: id('E1'), dueOn: '2027-12-31' }).expect(201);
    await coach('manager').post('/coaching/sessions/S-1/held').send({ durationMinutes: 45, coveredPointIds: ['TP-2'], objectiveProgress: [{ objectiveId: 'O-SALES', completion: 30 }] }).expect(200);
    await coach('manager').post('/coaching/sessions').send({ sessionId: 'S-2', engagementId: 'ENG-E1', kind: 'formal', scheduledFor: new Date(Date.now() + 7 * 864e5).toISOString() }).expect(201);
    const s2 = (await coach('E1').get('/coaching/sessions/S-2').expect(200)).body;
    expect(s2.agenda).toMatchObject([{ pointId: 'TP-1', text: 'I lose deals on price', fromSessionId: 'S-1' }]);
    expect(s2.carriedActionItems).toEqual([{ actionItemId: 'AI-1', fromSessionId: 'S-1' }]);
  });

  it('4. reports a skill gap: training identifies a need, in the same correlation chain', async () => {
    await coach('manager')
      .post('/coaching/difficulties')
      .send({ difficultyId: 'D-1', engagementId: 'ENG-E1', sessionId: 'S-2', kind: 'skill-gap', competency: 'Negotiation', currentLevel: 1, requiredLevel: 3, description: 'concedes on price at once' })
      .expect(201);
    const need = await eventually(
      async () => {
        const needs = (await as(() => training, 'manager').get('/training/needs').query({ businessUnitId: 'BU-SALES', status: 'open' }).expect(200)).body;
        const found = needs.find((n: { competency: string }) => n.competency === 'Negotiation');
        expect(found).toBeDefined();
        return found;
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    expect(need).toMatchObject({ employeeId: id('E1'), source: 'coaching', sourceRef: 'D-1', currentLevel: 1, requiredLevel: 3, correlationId: chain });
    expect(JSON.stringify(published)).not.toContain('concedes on price');
  });

  it('5. closes the plan as failed and publishes coaching.ImprovementPlanClosed on coaching.events', async () => {
    const plan = `/coaching/improvement-plans/${planId}`;
    await coach('manager').post(`${plan}/actions`).send({ actionId: 'PA-1', text: 'Close two deals at list price', dueOn: new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10), support: 'Negotiation training' }).expect(201);
    await coach('hr').post(`${plan}/approval`).expect(200);
    await coach('E1').post(`${plan}/acknowledgement`).expect(200);
    await coach('manager').post(`${plan}/progress-checks`).send({ checkId: 'PC-1', onTrack: false, note: 'No deal closed' }).expect(201);
    await coach('manager').post(`${plan}/closure`).send({ outcome: 'failed' }).expect(200);
    const closed = await eventually(
      () => {
        const found = published.filter((e) => e.type === 'coaching.ImprovementPlanClosed');
        expect(found).toHaveLength(1);
        return found[0];
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    expect(closed).toMatchObject({ correlationId: chain, data: { planId, employeeId: id('E1'), businessUnitId: 'BU-SALES', outcome: 'failed', extensions: 0 } });
    console.log(`coaching.events of chain ${chain}: ${published.filter((e) => e.correlationId === chain).map((e) => e.type).join(', ')}`);
  });
});
