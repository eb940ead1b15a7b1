import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Producer } from 'kafkajs';
import { signDevToken } from '@tpm/auth';
import { logTopicOf, topicOf, type AppraisalFinalized, type AppraisalFinalizedV1, type Envelope } from '@tpm/contracts';
import { toKafkaMessage } from '@tpm/messaging';
import { employeeIdFor } from '@tpm/performance-application';
import { eventually, testKafka } from '@tpm/testing';
import type { RunningService } from './boot-service';
import { startScenario, type Scenario } from './scenario';

/**
 * The training loop end to end on real services (performance, training, reporting), real
 * PostgreSQL and Kafka: an appraisal gap arrives as a published event → need → plan approved →
 * session → enrolment with waitlist → attendance → completion → L1-L3 → the next appraisal's
 * event → the L4 effect of the program; then the audit trail shows it all as one correlation.
 * The appraisal events are the published contract put on the broker (performance does not
 * produce them yet), with the correlation id the rest of the chain carries.
 */
describe('training loop: appraisal gap → need → plan → session → evaluation → L4', () => {
  let scenario: Scenario;
  let performance: RunningService;
  let training: RunningService;
  let reporting: RunningService;
  let producer: Producer;
  const chain = randomUUID();
  const tokens: Record<string, string> = {};
  const id = (n: string) => employeeIdFor(n);
  /** Every training request carries the appraisal's correlation id: the loop is one chain. */
  const as = (svc: () => RunningService, who: string, correlationId: string = chain) => {
    const r = () => request(svc().url);
    const headers = { authorization: `Bearer ${tokens[who]}`, 'x-correlation-id': correlationId };
    return {
      get: (url: string) => r().get(url).set(headers),
      post: (url: string) => r().post(url).set(headers),
      delete: (url: string) => r().delete(url).set(headers),
    };
  };
  const trn = (who: string) => as(() => training, who);
  const DAY = 24 * 3600 * 1000;
  const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

  const appraisal = (number: string, period: string, score: number, gaps: AppraisalFinalized['data']['competencyGaps'], finalizedAt: string): Envelope => ({
    eventId: randomUUID(),
    type: 'performance.AppraisalFinalized',
    schemaVersion: 1,
    context: 'performance',
    streamId: `performance-appraisal-${number}-${period}`,
    streamVersion: 1,
    position: 0,
    occurredAt: finalizedAt,
    recordedAt: finalizedAt,
    actor: { subject: 'hr-1', roles: ['hr'] },
    businessUnitId: 'BU-SALES',
    correlationId: chain,
    causationId: null,
    traceparent: null,
    data: {
      appraisalId: randomUUID(),
      cycleId: `cycle-${period}`,
      employeeId: id(number),
      businessUnitId: 'BU-SALES',
      managerId: id('M1'),
      period,
      score,
      ratingBand: 'meets',
      ratingBandRank: 2,
      competencyGaps: gaps,
      indicators: [{ objectiveId: 'o1', indicatorId: 'i1', score }],
      finalizedAt,
    } satisfies AppraisalFinalizedV1['data'],
  });
  // As performance's relay would: the contract on performance.events, the stored event on performance.log (the audit trail's source).
  const publish = (...events: Envelope[]) =>
    producer.sendBatch({
      acks: -1,
      topicMessages: [
        { topic: topicOf('performance'), messages: events.map(toKafkaMessage) },
        { topic: logTopicOf('performance'), messages: events.map((e) => toKafkaMessage({ ...e, channel: 'log' })) },
      ],
    });

  beforeAll(async () => {
    // An L2 gain threshold above what this program reaches, so step 9 has something to review.
    scenario = await startScenario(['performance', 'training', 'reporting'], {
      dbPrefix: 'loop',
      env: { PROJECTION_POLL_MS: '100', TRAINING_REVIEW_MIN_L2_GAIN: '40' },
    });
    [performance, training, reporting] = ['performance', 'training', 'reporting'].map((s) => scenario.service(s));
    // This process publishes to the scenario's topics too.
    process.env.KAFKA_TOPIC_PREFIX = scenario.namespace;
    producer = testKafka().producer();
    await producer.connect();
    const bearer = (sub: string, roles: string[], bu: string[] = [], emp?: string) => signDevToken({ sub, roles, bu, ...(emp ? { emp: id(emp) } : {}) });
    Object.assign(tokens, {
      admin: await bearer('admin-1', ['admin']),
      hr: await bearer('hr-1', ['hr'], ['BU-ROOT']),
      executive: await bearer('exec-1', ['executive'], ['BU-ROOT']),
      trainer: await bearer('trainer-1', ['trainer'], ['BU-ROOT']),
      manager: await bearer('M1', ['manager'], ['BU-SALES'], 'M1'),
      auditor: await bearer('auditor-1', ['auditor'], ['*']),
      E1: await bearer('E1', ['employee'], [], 'E1'),
      E2: await bearer('E2', ['employee'], [], 'E2'),
      E3: await bearer('E3', ['employee'], [], 'E3'),
    });
    const perf = as(() => performance, 'admin', randomUUID());
    await perf.post('/org/business-units').send({ businessUnitId: 'BU-ROOT', name: 'Acme', parentId: null }).expect(201);
    await perf.post('/org/business-units').send({ businessUnitId: 'BU-SALES', name: 'Sales', parentId: 'BU-ROOT' }).expect(201);
    await perf.post('/org/employees').send({ employeeNumber: 'M1', name: 'Mia', businessUnitId: 'BU-SALES', position: 'Head', managerEmployeeNumber: null, level: 'management' }).expect(201);
    for (const n of ['E1', 'E2', 'E3', 'E4']) {
      await perf.post('/org/employees').send({ employeeNumber: n, name: n, businessUnitId: 'BU-SALES', position: 'Account manager', managerEmployeeNumber: 'M1', level: 'staff' }).expect(201);
    }
  });

  afterAll(async () => {
    await producer?.disconnect();
    await scenario?.stop();
  });

  it('1. turns the appraisal gaps into prioritised needs carrying the appraisal’s correlation id', async () => {
    const negotiation = [{ competency: 'Negotiation', currentLevel: 1, requiredLevel: 4, gap: 3 }];
    await publish(
      appraisal('E1', '2027-H1', 60, negotiation, ago(120)),
      appraisal('E2', '2027-H1', 61, [], ago(120)),
      appraisal('E3', '2027-H1', 62, [{ competency: 'Negotiation', currentLevel: 2, requiredLevel: 4, gap: 2 }], ago(120)),
      appraisal('E4', '2027-H1', 59, [], ago(120)),
    );
    await eventually(
      async () => {
        const needs = (await trn('manager').get('/training/needs').query({ businessUnitId: 'BU-SALES', status: 'open', sort: 'priority' }).expect(200)).body;
        expect(needs.map((n: { employeeId: string; priority: number }) => [n.employeeId, n.priority])).toEqual([
          [id('E1'), 3],
          [id('E3'), 2],
        ]);
        expect(needs.every((n: { correlationId: string }) => n.correlationId === chain)).toBe(true);
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
  });

  it('2. drafts, submits and approves the unit’s plan, and tracks spend against its budget', async () => {
    const content = {
      objectives: ['Close the negotiation gaps found in 2027-H1'],
      content: 'Negotiation workshop with role-play',
      format: ['workshop'],
      timeline: { from: ago(80).slice(0, 10), to: new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10) },
      budget: 5000,
      currency: 'EUR',
      trainers: ['TR-1'],
      audience: { level: 'staff', description: 'Sales account managers' },
      programIds: ['P-NEG'],
    };
    await trn('hr').post('/training/plans').send({ planId: 'PLAN-SALES-2027', businessUnitId: 'BU-SALES', period: '2027', content }).expect(201);
    await trn('hr').post('/training/plans/PLAN-SALES-2027/submit').expect(200);
    await trn('executive').post('/training/plans/PLAN-SALES-2027/approve').expect(200);
    await trn('hr').post('/training/plans/PLAN-SALES-2027/spend').send({ spendId: 'venue-1', amount: 1200, description: 'venue' }).expect(200);
    expect((await trn('hr').post('/training/plans/PLAN-SALES-2027/spend').send({ spendId: 'x', amount: 4000, description: 'too much' }).expect(422)).body.code).toBe('PLAN_BUDGET_EXCEEDED');
  });

  it('3. defines the program, books venue and trainer, schedules the session', async () => {
    await trn('hr')
      .post('/training/programs')
      .send({ programId: 'P-NEG', title: 'Negotiation', competencies: ['Negotiation'], method: 'role-play', audienceLevel: 'staff', prerequisites: [], criteria: { minAttendanceShare: 1, minExamScore: null } })
      .expect(201);
    await trn('hr').post('/training/resources').send({ resourceId: 'ROOM-1', kind: 'venue', name: 'Room 1' }).expect(201);
    await trn('hr').post('/training/resources').send({ resourceId: 'TR-1', kind: 'trainer', name: 'Tess' }).expect(201);
    await trn('hr')
      .post('/training/sessions')
      .send({ sessionId: 'S-NEG-1', programId: 'P-NEG', planId: 'PLAN-SALES-2027', businessUnitId: 'BU-SALES', startsAt: ago(70), endsAt: ago(69), meetings: 2, capacity: 2, venueId: 'ROOM-1', trainerId: 'TR-1' })
      .expect(201);
  });

  it('4. enrols two, waitlists the third, and promotes them when a seat frees', async () => {
    for (const who of ['E1', 'E2', 'E3']) {
      await eventually(() => trn(who).post('/training/sessions/S-NEG-1/enrolments').send({}).expect(201), { timeoutMs: 30_000, intervalMs: 300 });
    }
    let s = (await trn('hr').get('/training/sessions/S-NEG-1').expect(200)).body;
    expect([s.seated.map((x: { employeeId: string }) => x.employeeId), s.waitlist.map((x: { employeeId: string }) => x.employeeId)]).toEqual([[id('E1'), id('E2')], [id('E3')]]);
    await trn('E2').delete(`/training/sessions/S-NEG-1/enrolments/${id('E2')}`).expect(200);
    s = (await trn('hr').get('/training/sessions/S-NEG-1').expect(200)).body;
    expect(s.seated.map((x: { employeeId: string }) => x.employeeId)).toEqual([id('E1'), id('E3')]);
  });

  it('5. records attendance and completes by criteria: TrainingCompleted for both', async () => {
    for (const who of ['E1', 'E3']) for (const meeting of [1, 2]) await trn('trainer').post('/training/sessions/S-NEG-1/attendance').send({ employeeId: id(who), meeting, present: true }).expect(200);
    const done = (await trn('trainer').post('/training/sessions/S-NEG-1/complete').expect(200)).body;
    expect(done.completed.map((c: { employeeId: string }) => c.employeeId)).toEqual([id('E1'), id('E3')]);
    await eventually(async () => {
      const met = (await trn('manager').get('/training/needs').query({ businessUnitId: 'BU-SALES', status: 'met' }).expect(200)).body;
      expect(met).toHaveLength(2);
    });
  });

  it('6. evaluates on L1 (questionnaire), L2 (pre/post test) and L3 (manager, weeks later)', async () => {
    for (const [who, rating, pre, post] of [['E1', 5, 40, 80], ['E3', 4, 50, 75]] as const) {
      const base = `/training/sessions/S-NEG-1/evaluations/${id(who)}`;
      await trn(who).post(`${base}/reaction`).send({ answers: [{ question: 'relevance', rating }, { question: 'trainer', rating: 5 }] }).expect(201);
      await trn('trainer').post(`${base}/learning-tests`).send({ phase: 'pre', score: pre }).expect(201);
      await trn('trainer').post(`${base}/learning-tests`).send({ phase: 'post', score: post }).expect(201);
      await trn('manager').post(`${base}/behaviour`).send({ rating: 4, applied: true, notes: 'prepares every negotiation with the BATNA sheet' }).expect(201);
    }
    await trn('E1').post(`/training/sessions/S-NEG-1/evaluations/${id('E3')}/reaction`).send({ answers: [{ question: 'relevance', rating: 1 }] }).expect(403);
    await eventually(async () => {
      const e = (await trn('hr').get('/training/programs/P-NEG/evaluations').expect(200)).body;
      expect(e).toMatchObject({ l1: { average: 4.75, responses: 2 }, l2: { averageGain: 32.5, tested: 2 }, l3: { averageRating: 4, observed: 2 } });
    });
  });

  it('7. computes the L4 effect from the next appraisals against untrained peers of the same unit and band', async () => {
    const now = new Date().toISOString();
    await publish(appraisal('E1', '2027-H2', 75, [], now), appraisal('E3', '2027-H2', 74, [], now), appraisal('E2', '2027-H2', 64, [], now), appraisal('E4', '2027-H2', 61, [], now));
    const effect = await eventually(
      async () => {
        const body = (await trn('hr').get('/training/programs/P-NEG/effectiveness').expect(200)).body;
        // The four appraisals arrive one by one: wait until both peers are in.
        expect(body.rows.map((r: { trained: number; peers: number }) => [r.trained, r.peers])).toEqual([[2, 2]]);
        return body;
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    expect(effect.rows[0]).toEqual({
      businessUnitId: 'BU-SALES',
      ratingBandRank: 2,
      fromPeriod: '2027-H1',
      toPeriod: '2027-H2',
      trained: 2,
      trainedScoreChange: 13.5,
      trainedIndicatorChange: 13.5,
      peers: 2,
      peerScoreChange: 2.5,
      peerIndicatorChange: 2.5,
      scoreEffect: 11,
      indicatorEffect: 11,
    });
    expect(effect.overall).toEqual({ trained: 2, scoreEffect: 11, indicatorEffect: 11 });
    console.log(`L4 effect of program P-NEG:\n${JSON.stringify(effect, null, 2)}`);
  });

  it('8. flags the program below a threshold, records an improvement action, and links the next version to the review', async () => {
    const check = (await trn('hr').post('/training/programs/P-NEG/review-check').expect(200)).body;
    expect(check).toMatchObject({ flagged: true, findings: [{ metric: 'L2 learning gain', value: 32.5, threshold: 40 }] });
    const reviewId = check.reviewId;
    await trn('hr').post(`/training/programs/P-NEG/reviews/${reviewId}/next-version`).send({ changes: { method: 'course-series-with-exam' } }).expect(422);
    await trn('hr').post(`/training/programs/P-NEG/reviews/${reviewId}/actions`).send({ description: 'Add a graded case exam to anchor the learning', owner: 'hr-1' }).expect(201);
    const next = (
      await trn('hr')
        .post(`/training/programs/P-NEG/reviews/${reviewId}/next-version`)
        .send({ changes: { method: 'course-series-with-exam', criteria: { minAttendanceShare: 1, minExamScore: 70 } } })
        .expect(200)
    ).body;
    expect(next).toEqual({ programId: 'P-NEG', version: 2, reviewId });
    expect((await trn('hr').get('/training/programs/P-NEG').expect(200)).body).toMatchObject({ version: 2, reviewId, method: 'course-series-with-exam' });
  });

  it('9. shows the whole loop in the audit trail as one correlation chain', async () => {
    const expected = [
      'performance.AppraisalFinalized',
      'training.TrainingNeedIdentified',
      'training.TrainingPlanApproved',
      'training.SessionScheduled',
      'training.EmployeeEnrolled',
      'training.EmployeeWaitlisted',
      'training.EnrolmentWithdrawn',
      'training.AttendanceRecorded',
      'training.TrainingCompleted',
      'training.TrainingNeedMet',
      'training.FollowUpsScheduled',
      'training.ReactionSubmitted',
      'training.LearningTestRecorded',
      'training.BehaviourObserved',
      'training.ProgramFlaggedForReview',
      'training.ImprovementActionRecorded',
      'training.TrainingProgramRevised',
      'training.ProgramReviewClosed',
    ];
    const items = await eventually(
      async () => {
        const res = await as(() => reporting, 'auditor').get(`/audit/correlations/${chain}`).expect(200);
        const types = new Set(res.body.items.map((i: { type: string }) => i.type));
        for (const t of expected) expect(types).toContain(t);
        return res.body.items as { type: string; correlationId: string; causationId: string | null }[];
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(items.every((i) => i.correlationId === chain)).toBe(true);
    // The need was caused by the appraisal event itself, not just correlated with it.
    const appraisals = items.filter((i) => i.type === 'performance.AppraisalFinalized') as { eventId?: string }[];
    const need = items.find((i) => i.type === 'training.TrainingNeedIdentified')!;
    expect(appraisals.map((a) => a.eventId)).toContain(need.causationId);
    const counts = items.reduce<Record<string, number>>((m, i) => ({ ...m, [i.type]: (m[i.type] ?? 0) + 1 }), {});
    console.log(`audit chain ${chain}: ${items.length} events\n${JSON.stringify(counts, null, 2)}`);
  });
});
