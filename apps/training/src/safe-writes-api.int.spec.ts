import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { signDevToken } from '@tpm/auth';
import { entityTag, type EventStore } from '@tpm/event-store';
import { ManualClock } from '@tpm/kernel';
import { configureHttp, EVENT_STORE } from '@tpm/service-kit';
import { createTestDatabase, uniqueName, type TestDatabase } from '@tpm/testing';
import { planStream, resourceStream, sessionStream } from '@tpm/training-application';

/**
 * Safe writes over the training HTTP API on the real PostgreSQL: plans and sessions carry an
 * ETag, their commands honour If-Match (412, nothing appended), and unstorable text is a 400.
 */
describe('training API: safe writes (real PostgreSQL)', () => {
  const clock = new ManualClock(new Date('2027-03-01T09:00:00.000Z'));
  let db: TestDatabase;
  let app: NestExpressApplication;
  let store: EventStore;
  const tokens: Record<string, string> = {};
  const as = (who: string) => {
    const r = () => request(app.getHttpServer());
    const auth = `Bearer ${tokens[who]}`;
    return { get: (url: string) => r().get(url).set('authorization', auth), post: (url: string) => r().post(url).set('authorization', auth) };
  };
  const savedEnv = { TRAINING_DATABASE_URL: process.env.TRAINING_DATABASE_URL, KAFKA_TOPIC_PREFIX: process.env.KAFKA_TOPIC_PREFIX, TRAINING_SCHEDULER_POLL_MS: process.env.TRAINING_SCHEDULER_POLL_MS };

  const content = {
    objectives: ['Negotiate better'],
    content: 'Workshops',
    format: ['workshop'],
    timeline: { from: '2027-02-01', to: '2027-06-30' },
    budget: 1000,
    currency: 'EUR',
    trainers: [],
    audience: { level: 'staff', description: 'Sales reps' },
    programIds: [],
  };

  beforeAll(async () => {
    db = await createTestDatabase('training_safe');
    process.env.TRAINING_DATABASE_URL = db.url;
    process.env.KAFKA_TOPIC_PREFIX = `${uniqueName('training-safe')}.`;
    process.env.TRAINING_SCHEDULER_POLL_MS = '3600000';
    const { TrainingModule } = await import('./app.module');
    app = await NestFactory.create<NestExpressApplication>(TrainingModule.forRoot(clock), { bodyParser: false, logger: false });
    configureHttp(app, { title: 'training', description: 'test' });
    await app.init();
    store = app.get(EVENT_STORE);
    Object.assign(tokens, {
      hr1: await signDevToken({ sub: 'hr-1', roles: ['hr'], bu: ['*'] }),
      hr2: await signDevToken({ sub: 'hr-2', roles: ['hr'], bu: ['*'] }),
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    for (const [k, v] of Object.entries(savedEnv)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  });

  it('still submits and approves a plan without If-Match', async () => {
    await as('hr1').post('/training/plans').send({ planId: 'PL-1', businessUnitId: 'BU-SALES', period: '2027', content }).expect(201);
    await as('hr2').post('/training/plans/PL-1/submit').expect(200);
    await as('hr2').post('/training/plans/PL-1/approve').expect(200);
    expect(await store.streamVersion(planStream('PL-1'))).toBe(3);
  });

  it('revises a plan over the version read; a second revision over the same ETag is a 412 and appends nothing', async () => {
    const read = await as('hr1').get('/training/plans/PL-1').expect(200);
    expect(read.headers.etag).toBe(entityTag(planStream('PL-1'), read.body.streamVersion));
    const revised = await as('hr1').post('/training/plans/PL-1/revisions').set('if-match', read.headers.etag).send({ reason: 'Budget cut', content: { ...content, budget: 800 } }).expect(200);
    expect(revised.headers.etag).toBe(entityTag(planStream('PL-1'), read.body.streamVersion + 1));
    const stale = await as('hr2').post('/training/plans/PL-1/revisions').set('if-match', read.headers.etag).send({ reason: 'Budget up', content: { ...content, budget: 5000 } }).expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect(await store.streamVersion(planStream('PL-1'))).toBe(read.body.streamVersion + 1);
    expect((await as('hr1').get('/training/plans/PL-1').expect(200)).body.versions.at(-1).content.budget).toBe(800);
  });

  it('cancels a session over its ETag and releases its bookings (other streams, not compared); a stale cancel is a 412', async () => {
    const program = { programId: 'P-1', title: 'Negotiation', competencies: ['Negotiation'], method: 'workshop', audienceLevel: 'staff', prerequisites: [], criteria: { minAttendanceShare: 0.5, minExamScore: null } };
    await as('hr1').post('/training/programs').send(program).expect(201);
    await as('hr1').post('/training/resources').send({ resourceId: 'ROOM-1', kind: 'venue', name: 'Room 1' }).expect(201);
    const session = { sessionId: 'S-1', programId: 'P-1', businessUnitId: 'BU-SALES', startsAt: '2027-03-08T09:00:00.000Z', endsAt: '2027-03-09T17:00:00.000Z', meetings: 2, capacity: 5, venueId: 'ROOM-1', trainerId: null };
    await as('hr1').post('/training/sessions').send(session).expect(201);
    const read = await as('hr1').get('/training/sessions/S-1').expect(200);
    expect(read.headers.etag).toBe(entityTag(sessionStream('S-1'), read.body.streamVersion));
    const roomBefore = await store.streamVersion(resourceStream('ROOM-1'));

    await as('hr1').post('/training/sessions/S-1/cancel').set('if-match', read.headers.etag).send({ reason: 'Trainer ill' }).expect(200);
    expect(await store.streamVersion(resourceStream('ROOM-1'))).toBe(roomBefore + 1);
    const sessionAfter = await store.streamVersion(sessionStream('S-1'));
    const stale = await as('hr2').post('/training/sessions/S-1/cancel').set('if-match', read.headers.etag).send({ reason: 'Again' }).expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect(await store.streamVersion(sessionStream('S-1'))).toBe(sessionAfter);
    expect(await store.streamVersion(resourceStream('ROOM-1'))).toBe(roomBefore + 1);
  });

  it('refuses unstorable text in a body, a query and a path parameter with 400 INVALID_TEXT, and writes nothing', async () => {
    const body = await as('hr1').post('/training/plans/PL-1/revisions').send({ reason: 'nul\u0000', content }).expect(400);
    expect(body.body).toMatchObject({ code: 'INVALID_TEXT', details: [{ field: 'reason' }] });
    const query = await as('hr1').get('/training/needs?businessUnitId=%ED%A0%80').expect(400);
    expect(query.body).toMatchObject({ code: 'INVALID_TEXT', details: [{ field: 'businessUnitId' }] });
    const path = await as('hr1').post('/training/plans/%ED%A0%80/submit').expect(400);
    expect(path.body).toMatchObject({ code: 'INVALID_TEXT', details: [{ field: 'planId' }] });
    expect(await store.streamVersion(planStream('\uFFFD'))).toBe(0);
  });
});
