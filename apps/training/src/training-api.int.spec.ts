import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { signDevToken } from '@tpm/auth';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { topicOf } from '@tpm/contracts';
import type { EventStore } from '@tpm/event-store';
import { ManualClock } from '@tpm/kernel';
import { configureHttp, EVENT_STORE, PG_POOL } from '@tpm/service-kit';
import { createTestDatabase, eventually, testKafka, uniqueName, type TestDatabase } from '@tpm/testing';
import { SessionCommandHandler, sessionStream, resourceStream, followUpStream } from '@tpm/training-application';
import { appraisalFinalized, ContractPublisher, difficultyReported, envelope, offboarded, onboarded } from './testing/contract-events.spec-helper';
import type { TrainingLifecycle as Lifecycle } from './training.lifecycle';

/**
 * The training API on the real PostgreSQL and Kafka: bad input, idempotency, conflicts, the
 * parallel double-booking race, and the reactions to contract events put on the broker.
 */
describe('training service (real PostgreSQL, real Kafka)', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00.000Z'));
  const publisher = new ContractPublisher();
  let db: TestDatabase;
  let app: NestExpressApplication;
  let store: EventStore;
  let pool: Pool;
  let lifecycle: Lifecycle;
  const tokens: Record<string, string> = {};
  /** Requests as someone: real HS256 development tokens, verified by the real guard. */
  const as = (who: string) => {
    const r = () => request(app.getHttpServer());
    const auth = `Bearer ${tokens[who]}`;
    return {
      get: (url: string) => r().get(url).set('authorization', auth),
      post: (url: string) => r().post(url).set('authorization', auth),
      delete: (url: string) => r().delete(url).set('authorization', auth),
    };
  };
  const catchUp = () => lifecycle.projector.catchUp();

  beforeAll(async () => {
    db = await createTestDatabase('training_api');
    process.env.TRAINING_DATABASE_URL = db.url;
    // Own topics and consumer groups: no other suite's events reach this service, nor its ours.
    process.env.KAFKA_TOPIC_PREFIX = `${uniqueName('training-it')}.`;
    process.env.TRAINING_SCHEDULER_POLL_MS = '3600000'; // the test ticks the scheduler itself
    process.env.LOG_LEVEL = 'warn';
    const { TrainingModule } = await import('./app.module');
    const { TrainingLifecycle } = await import('./training.lifecycle');
    app = await NestFactory.create<NestExpressApplication>(TrainingModule.forRoot(clock), { bodyParser: false, logger: false });
    configureHttp(app, { title: 'training', description: 'test' });
    await app.init();
    // Listening once: supertest would otherwise start and close a server per request, and a close
    // drops the parallel requests of the racing-bookings test that are not read yet (ECONNRESET).
    await new Promise<void>((resolve) => app.getHttpServer().listen(0, '127.0.0.1', () => resolve()));
    store = app.get(EVENT_STORE);
    pool = app.get(PG_POOL);
    lifecycle = app.get(TrainingLifecycle);
    Object.assign(tokens, {
      hr: await signDevToken({ sub: 'hr-1', roles: ['hr'], bu: ['BU-ROOT'] }),
      manager: await signDevToken({ sub: 'mgr-1', roles: ['manager'], bu: ['BU-SALES'] }),
      otherManager: await signDevToken({ sub: 'mgr-2', roles: ['manager'], bu: ['BU-OPS'] }),
      trainer: await signDevToken({ sub: 'tr-1', roles: ['trainer'], bu: ['BU-ROOT'] }),
      ben: await signDevToken({ sub: 'ben', roles: ['employee'], emp: 'ben' }),
      hrSales: await signDevToken({ sub: 'hr-s', roles: ['hr'], bu: ['BU-SALES'] }),
      hrOps: await signDevToken({ sub: 'hr-o', roles: ['hr'], bu: ['BU-OPS'] }),
    });
    await publisher.publish(
      envelope('performance.BusinessUnitRegistered', { businessUnitId: 'BU-ROOT', name: 'Acme', parentId: null, at: new Date().toISOString() }),
      envelope('performance.BusinessUnitRegistered', { businessUnitId: 'BU-SALES', name: 'Sales', parentId: 'BU-ROOT', at: new Date().toISOString() }),
      envelope('performance.BusinessUnitRegistered', { businessUnitId: 'BU-OPS', name: 'Ops', parentId: 'BU-ROOT', at: new Date().toISOString() }),
    );
    await publisher.publish(onboarded('ana', 'BU-SALES'), onboarded('ben', 'BU-SALES'), onboarded('cy', 'BU-SALES'));
    await eventually(async () => {
      const { rows } = await pool.query(`SELECT (SELECT count(*) FROM org_reference.employees)::int AS e, (SELECT count(*) FROM org_reference.business_units)::int AS u`);
      expect(rows[0]).toEqual({ e: 3, u: 3 });
    });
  });

  afterAll(async () => {
    await publisher.close();
    await app?.close();
    await db?.drop();
  });

  const program = {
    programId: 'P-NEG',
    title: 'Negotiation basics',
    competencies: ['Negotiation'],
    method: 'workshop',
    audienceLevel: 'staff',
    prerequisites: [],
    criteria: { minAttendanceShare: 0.5, minExamScore: null },
  };

  describe('bad input', () => {
    it('answers 400 naming every bad field, and writes nothing', async () => {
      const res = await as('hr').post('/training/programs').send({ ...program, method: 'osmosis', title: '', extra: true }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['extra', 'method', 'title']);
      expect(await store.streamVersion('training-program-P-NEG')).toBe(0);
      const bad = await as('manager').post('/training/needs').send({ employeeId: 'ana', businessUnitId: 'BU-SALES', competency: 'X', currentLevel: 9, requiredLevel: 2, source: 'appraisal' }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['currentLevel', 'source']);
      await as('manager').get('/training/needs').query({ sort: 'random' }).expect(400);
    });

    it('answers 422 naming the rule a valid request breaks', async () => {
      const res = await as('hr').post('/training/programs').send({ ...program, programId: 'P-EXAM', method: 'course-series-with-exam' }).expect(422);
      expect(res.body.code).toBe('PROGRAM_INVALID');
      const self = await as('hr').post('/training/programs').send({ ...program, programId: 'P-SELF', prerequisites: ['P-SELF'] }).expect(422);
      expect(self.body.code).toBe('PROGRAM_PREREQUISITE_CYCLE');
      await as('hr').get('/training/programs/P-NOPE').expect(404);
    });
  });

  describe('access', () => {
    it('needs a valid token, the route’s role and the unit in scope', async () => {
      const anonymous = await request(app.getHttpServer()).get('/training/needs').expect(401);
      expect(anonymous.body.code).toBe('TOKEN_MISSING');
      expect((await as('ben').get('/training/needs').expect(403)).body.code).toBe('ROLE_REQUIRED');
      expect((await as('otherManager').get('/training/needs').query({ businessUnitId: 'BU-SALES' }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
      const outside = await as('otherManager').post('/training/needs').send({ employeeId: 'ana', businessUnitId: 'BU-SALES', competency: 'X', currentLevel: 1, requiredLevel: 2, source: 'manager-request' }).expect(403);
      expect(outside.body.code).toBe('OUT_OF_SCOPE');
    });
  });

  describe('programs, resources and sessions', () => {
    it('defines a program once: the same request again appends nothing', async () => {
      expect((await as('hr').post('/training/programs').send(program).expect(201)).body).toMatchObject({ appended: 1, version: 1 });
      expect((await as('hr').post('/training/programs').send(program).expect(201)).body).toMatchObject({ appended: 0, version: 1 });
      await as('hr').post('/training/programs').send({ ...program, programId: 'P-ADV', title: 'Advanced', prerequisites: ['P-NEG'] }).expect(201);
      const cycle = await as('hr').post('/training/programs/P-NEG/revisions').send({ changes: { prerequisites: ['P-ADV'] } }).expect(422);
      expect(cycle.body.code).toBe('PROGRAM_PREREQUISITE_CYCLE');
    });

    it('never double-books a venue, even when conflicting bookings race in parallel', async () => {
      await as('hr').post('/training/resources').send({ resourceId: 'ROOM-1', kind: 'venue', name: 'Room 1' }).expect(201);
      const attempts = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          as('hr')
            .post('/training/resources/ROOM-1/bookings')
            .send({ bookingId: `race-${i}`, from: `2027-04-01T0${i % 3}:30:00.000Z`, to: '2027-04-01T05:00:00.000Z' }),
        ),
      );
      const statuses = attempts.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s !== 201).every((s) => s === 422 || s === 409)).toBe(true);
      expect(attempts.filter((r) => r.status === 422).every((r) => r.body.code === 'RESOURCE_DOUBLE_BOOKED')).toBe(true);
      const booked = (await store.readStream(resourceStream('ROOM-1'))).filter((e) => e.type === 'ResourceBooked');
      expect(booked).toHaveLength(1);
    });

    it('schedules a session on a free venue and trainer, and refuses the same trainer twice at once', async () => {
      await as('hr').post('/training/resources').send({ resourceId: 'TR-1', kind: 'trainer', name: 'Tess' }).expect(201);
      const session = { sessionId: 'S-1', programId: 'P-NEG', businessUnitId: 'BU-SALES', startsAt: '2027-03-08T09:00:00.000Z', endsAt: '2027-03-09T17:00:00.000Z', meetings: 2, capacity: 1, venueId: 'ROOM-1', trainerId: 'TR-1' };
      await as('hr').post('/training/sessions').send(session).expect(201);
      const clash = await as('hr').post('/training/sessions').send({ ...session, sessionId: 'S-2', venueId: null }).expect(422);
      expect(clash.body.code).toBe('RESOURCE_DOUBLE_BOOKED');
    });
  });

  describe('enrolment, waitlist and offboarding', () => {
    it('seats the first, waitlists the overflow in order, and enrols twice idempotently', async () => {
      expect((await as('hr').post('/training/sessions/S-1/enrolments').send({ employeeId: 'ana' }).expect(201)).body.appended).toBe(1);
      expect((await as('hr').post('/training/sessions/S-1/enrolments').send({ employeeId: 'ana' }).expect(201)).body.appended).toBe(0);
      await as('hr').post('/training/sessions/S-1/enrolments').send({ employeeId: 'ben' }).expect(201);
      const s = (await as('hr').get('/training/sessions/S-1').expect(200)).body;
      expect(s.seated.map((x: { employeeId: string }) => x.employeeId)).toEqual(['ana']);
      expect(s.waitlist.map((x: { employeeId: string }) => x.employeeId)).toEqual(['ben']);
      // An employee enrols themselves, never someone else.
      expect((await as('ben').post('/training/sessions/S-1/enrolments').send({}).expect(201)).body.appended).toBe(0);
      expect((await as('ben').post('/training/sessions/S-1/enrolments').send({ employeeId: 'cy' }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    });

    it('answers 409 when two edits of one session decide on the same version', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let waiting = 0;
      // Both commands load the session, then wait until both have loaded: they decide on one version.
      const racing: EventStore = Object.create(store);
      racing.aggregate = async (...args: Parameters<EventStore['aggregate']>) => {
        const loaded = await store.aggregate(...args);
        if (++waiting === 2) release();
        await gate;
        return loaded as never;
      };
      const handler = new SessionCommandHandler(racing, clock);
      const ctx = { actor: { subject: 'tr-1', roles: ['trainer' as const] }, correlationId: randomUUID() };
      const results = await Promise.allSettled([
        handler.attendance({ sessionId: 'S-1', employeeId: 'ana', meeting: 1, present: true }, ctx),
        handler.examScore({ sessionId: 'S-1', employeeId: 'ana', score: 70 }, ctx),
      ]);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toMatchObject({ code: 'CONCURRENCY_CONFLICT', kind: 'conflict' });
    });

    it('withdraws an offboarded employee on the contract event and promotes the waitlist', async () => {
      await publisher.publish(offboarded('ana', 'BU-SALES'));
      await eventually(async () => {
        const s = (await as('hr').get('/training/sessions/S-1').expect(200)).body;
        expect(s.seated.map((x: { employeeId: string }) => x.employeeId)).toEqual(['ben']);
        expect(s.waitlist).toEqual([]);
      });
      const types = (await store.readStream(sessionStream('S-1'))).map((e) => e.type);
      expect(types.slice(-2)).toEqual(['EnrolmentWithdrawn', 'EmployeeEnrolled']);
    });
  });

  describe('cancellation', () => {
    it('cancels a session’s enrolments and frees its venue and trainer for others', async () => {
      const slot = { startsAt: '2027-05-03T09:00:00.000Z', endsAt: '2027-05-03T17:00:00.000Z' };
      await as('hr').post('/training/sessions').send({ sessionId: 'S-3', programId: 'P-NEG', businessUnitId: 'BU-SALES', ...slot, meetings: 1, capacity: 5, venueId: 'ROOM-1', trainerId: 'TR-1' }).expect(201);
      await as('hr').post('/training/sessions/S-3/enrolments').send({ employeeId: 'cy' }).expect(201);
      await as('hr').post('/training/sessions/S-3/cancel').send({ reason: 'trainer ill' }).expect(200);
      const types = (await store.readStream(sessionStream('S-3'))).map((e) => e.type);
      expect(types).toEqual(['SessionScheduled', 'EmployeeEnrolled', 'EnrolmentCancelled', 'SessionCancelled']);
      expect((await as('hr').post('/training/sessions/S-3/enrolments').send({ employeeId: 'cy' }).expect(422)).body.code).toBe('SESSION_NOT_OPEN');
      await as('hr').post('/training/sessions').send({ sessionId: 'S-4', programId: 'P-NEG', businessUnitId: 'BU-SALES', ...slot, meetings: 1, capacity: 5, venueId: 'ROOM-1', trainerId: 'TR-1' }).expect(201);
    });
  });

  describe('every record within its owning unit', () => {
    const need = { competency: 'Forecasting', currentLevel: 1, requiredLevel: 3 };
    it('opens a need about an employee only in the unit the employee works in', async () => {
      const self = await as('ben').post('/training/needs').send({ ...need, employeeId: 'ben', businessUnitId: 'BU-OPS', source: 'self-request' }).expect(403);
      expect(self.body.code).toBe('OUT_OF_SCOPE');
      await as('manager').post('/training/needs').send({ ...need, employeeId: 'ana', businessUnitId: 'BU-OPS', source: 'manager-request' }).expect(403);
      await as('manager').post('/training/needs').send({ ...need, employeeId: 'ana', businessUnitId: 'BU-SALES', source: 'manager-request' }).expect(201);
    });

    it('lets only the owning unit revise a program, read its evaluations, and book or release its venue', async () => {
      await as('hrSales').post('/training/programs').send({ ...program, programId: 'P-SALES', businessUnitId: 'BU-SALES' }).expect(201);
      await as('hrOps').post('/training/programs').send({ ...program, programId: 'P-ORG-BY-OPS' }).expect(403);
      await as('hrOps').post('/training/programs/P-SALES/revisions').send({ changes: { title: 'Taken over' } }).expect(403);
      await as('hrOps').get('/training/programs/P-SALES/evaluations').expect(403);
      await as('hrOps').get('/training/programs/P-SALES/effectiveness').expect(403);
      await as('hrOps').post('/training/programs/P-SALES/review-check').expect(403);
      await as('hrOps').get('/training/programs/P-SALES').expect(200); // the catalogue is shared
      await as('hrSales').post('/training/programs/P-SALES/revisions').send({ changes: { title: 'Negotiation for sales' } }).expect(200);
      expect(await store.streamVersion('training-program-P-SALES')).toBe(2);

      await as('hrSales').post('/training/resources').send({ resourceId: 'ROOM-S', businessUnitId: 'BU-SALES', kind: 'venue', name: 'Sales room' }).expect(201);
      const slot = { from: '2027-09-01T09:00:00.000Z', to: '2027-09-01T12:00:00.000Z' };
      await as('hrOps').post('/training/resources/ROOM-S/bookings').send({ bookingId: 'B-OPS', ...slot }).expect(403);
      await as('hrOps').get('/training/resources/ROOM-S').expect(403);
      await as('hrSales').post('/training/resources/ROOM-S/bookings').send({ bookingId: 'B-S', ...slot }).expect(201);
      await as('hrOps').delete('/training/resources/ROOM-S/bookings/B-S').expect(403);
      const session = { programId: 'P-NEG', businessUnitId: 'BU-OPS', startsAt: '2027-09-02T09:00:00.000Z', endsAt: '2027-09-02T17:00:00.000Z', meetings: 1, capacity: 5 };
      await as('hrOps').post('/training/sessions').send({ ...session, sessionId: 'S-OPS-IN-SALES-ROOM', venueId: 'ROOM-S' }).expect(403);
      expect(await store.streamVersion('training-resource-ROOM-S')).toBe(2);
    });

    it('refuses enrolment into another unit\'s session unless the session is open to other units', async () => {
      const session = { programId: 'P-NEG', businessUnitId: 'BU-OPS', startsAt: '2027-10-02T09:00:00.000Z', endsAt: '2027-10-02T17:00:00.000Z', meetings: 1, capacity: 5 };
      await as('hr').post('/training/sessions').send({ ...session, sessionId: 'S-OPS' }).expect(201);
      await as('hr').post('/training/sessions').send({ ...session, sessionId: 'S-OPS-OPEN', openToOtherUnits: true }).expect(201);
      expect((await as('hr').post('/training/sessions/S-OPS/enrolments').send({ employeeId: 'cy' }).expect(422)).body.code).toBe('SESSION_CLOSED_TO_OTHER_UNITS');
      await as('hr').post('/training/sessions/S-OPS-OPEN/enrolments').send({ employeeId: 'cy' }).expect(201);
    });

    it('shows an employee the session and their own enrolment only, never the roster or anyone\'s scores', async () => {
      const session = { sessionId: 'S-VIEW', programId: 'P-NEG', businessUnitId: 'BU-SALES', startsAt: '2027-11-02T09:00:00.000Z', endsAt: '2027-11-02T17:00:00.000Z', meetings: 1, capacity: 5 };
      await as('hr').post('/training/sessions').send(session).expect(201);
      await as('hr').post('/training/sessions/S-VIEW/enrolments').send({ employeeId: 'cy' }).expect(201);
      await as('hr').post('/training/sessions/S-VIEW/enrolments').send({ employeeId: 'ben' }).expect(201);
      await as('trainer').post('/training/sessions/S-VIEW/exam-scores').send({ employeeId: 'cy', score: 41 }).expect(200);
      const seen = (await as('ben').get('/training/sessions/S-VIEW').expect(200)).body;
      expect(seen).toMatchObject({ sessionId: 'S-VIEW', seated: [{ employeeId: 'ben', businessUnitId: 'BU-SALES' }], waitlist: [], examScores: {}, attendance: {}, seatsTaken: 2 });
      const full = (await as('hr').get('/training/sessions/S-VIEW').expect(200)).body;
      expect(full.seated).toHaveLength(2);
      expect(full.examScores).toEqual({ cy: 41 });
      await as('otherManager').get('/training/sessions/S-VIEW').expect(403);
    });
  });

  describe('reactions to appraisal and coaching events', () => {
    it('identifies a need per competency gap with the appraisal’s correlation id, once even when redelivered', async () => {
      const correlationId = randomUUID();
      const event = appraisalFinalized(
        {
          employeeId: 'cy',
          businessUnitId: 'BU-SALES',
          period: '2027-H1',
          score: 58,
          finalizedAt: '2027-02-20T00:00:00.000Z',
          competencyGaps: [
            { competency: 'Negotiation', currentLevel: 1, requiredLevel: 4, gap: 3 },
            { competency: 'Forecasting', currentLevel: 2, requiredLevel: 3, gap: 1 },
          ],
        },
        { correlationId },
      );
      await publisher.publish(event, event);
      await eventually(async () => {
        await catchUp();
        const needs = (await as('manager').get('/training/needs').query({ businessUnitId: 'BU-SALES', status: 'open', sort: 'priority' }).expect(200)).body;
        const cys = needs.filter((n: { employeeId: string }) => n.employeeId === 'cy');
        expect(cys.map((n: { competency: string; priority: number }) => [n.competency, n.priority])).toEqual([
          ['Negotiation', 3],
          ['Forecasting', 1],
        ]);
        expect(cys.every((n: { correlationId: string; source: string }) => n.correlationId === correlationId && n.source === 'appraisal')).toBe(true);
      });
    });

    it('identifies a need from a coaching skill gap, and ignores an external obstacle', async () => {
      await publisher.publish(difficultyReported({ employeeId: 'ben', businessUnitId: 'BU-SALES' }), difficultyReported({ employeeId: 'ben', businessUnitId: 'BU-SALES', kind: 'external-obstacle', competency: 'Budget' }));
      await eventually(async () => {
        await catchUp();
        const needs = (await as('manager').get('/training/needs').query({ businessUnitId: 'BU-SALES' }).expect(200)).body;
        expect(needs.filter((n: { employeeId: string }) => n.employeeId === 'ben').map((n: { competency: string; source: string }) => [n.competency, n.source])).toEqual([['Delegation', 'coaching']]);
      });
    });
  });

  describe('completion, TrainingCompleted and follow-ups', () => {
    let kafka: Kafka;
    const published: { type: string; data: { sessionId?: string; employeeId?: string } }[] = [];

    beforeAll(async () => {
      kafka = testKafka();
      const consumer = kafka.consumer({ groupId: uniqueName('training-events-watch') });
      await consumer.connect();
      await consumer.subscribe({ topic: topicOf('training'), fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void published.push(JSON.parse(String(message.value))) });
      afterAllStop.push(() => consumer.disconnect());
    });
    const afterAllStop: (() => Promise<void>)[] = [];
    afterAll(async () => Promise.all(afterAllStop.map((f) => f())));

    it('decides completion by criteria and publishes training.TrainingCompleted v1', async () => {
      await as('trainer').post('/training/sessions/S-1/attendance').send({ employeeId: 'ben', meeting: 1, present: true }).expect(200);
      await as('trainer').post('/training/sessions/S-1/complete').expect(422); // not over yet
      clock.set('2027-03-10T09:00:00.000Z');
      const res = await as('trainer').post('/training/sessions/S-1/complete').expect(200);
      expect(res.body.completed.map((c: { employeeId: string }) => c.employeeId)).toEqual(['ben']);
      await eventually(() => {
        const done = published.find((e) => e.type === 'training.TrainingCompleted' && e.data.employeeId === 'ben');
        expect(done).toMatchObject({ schemaVersion: 1, data: { programId: 'P-NEG', programVersion: 1, sessionId: 'S-1', businessUnitId: 'BU-SALES', competencies: ['Negotiation'], attendanceShare: 0.5, examScore: null } });
      });
    });

    it('schedules 30/60/90-day checks that fire once when the clock passes them, and cancels moot ones', async () => {
      await catchUp(); // completion → follow-ups scheduled → deadlines stored
      await catchUp();
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM scheduler.deadlines WHERE stream = $1`, [followUpStream('S-1', 'ben')]);
      expect(rows[0].n).toBe(3);
      expect(await lifecycle.scheduler.tick()).toBe(0);
      clock.advance(31 * 24 * 3600 * 1000);
      expect(await lifecycle.scheduler.tick()).toBe(1);
      expect(await lifecycle.scheduler.tick()).toBe(0);
      await as('manager').post('/training/follow-ups/S-1/ben/checks').send({ day: 60, applied: true, support: 'pairing with a senior' }).expect(201);
      await catchUp();
      clock.advance(70 * 24 * 3600 * 1000);
      expect(await lifecycle.scheduler.tick()).toBe(1); // day 90 only: day 60 was done, its deadline cancelled
      const types = (await store.readStream(followUpStream('S-1', 'ben'))).map((e) => [e.type, (e.data as { day?: number }).day]);
      expect(types).toEqual([
        ['FollowUpsScheduled', undefined],
        ['FollowUpCheckDue', 30],
        ['FollowUpCheckRecorded', 60],
        ['FollowUpCheckDue', 90],
      ]);
    });
  });
});
