import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { signDevToken } from '@tpm/auth';
import { entityTag, type EventStore } from '@tpm/event-store';
import { appraisalStream, employeeIdFor, employeeStream } from '@tpm/performance-application';
import { createServiceApp, EVENT_STORE } from '@tpm/service-kit';
import { createTestDatabase, uniqueName, type TestDatabase } from '@tpm/testing';

/**
 * Safe writes over the performance HTTP API on a real PostgreSQL store: ETag on the reads of an
 * aggregate, If-Match on its writes (412 when stale, nothing appended), and text, depth and keys
 * the database cannot store or only an attack sends refused with the one 400 before any handler.
 */
describe('performance API: safe writes (real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let store: EventStore;
  const run = randomUUID().slice(0, 8);
  const BU = `BU-${run}`;
  const SALES = `${BU}-SALES`;
  const OPS = `${BU}-OPS`;
  const PERIOD = '2027';
  const cycleId = `C-${run}`;
  const ana = `E-${run}`;
  const tokens: Record<string, string> = {};
  const as = (who: string) => {
    const auth = `Bearer ${tokens[who]}`;
    const server = () => request(app.getHttpServer());
    return {
      get: (url: string) => server().get(url).set('authorization', auth),
      post: (url: string) => server().post(url).set('authorization', auth),
    };
  };
  const api = () => as('admin');
  const appraisal = `/appraisal-cycles/${cycleId}/appraisals/${ana}`;
  const anaAppraisal = () => appraisalStream(cycleId, employeeIdFor(ana));

  const savedEnv = { PERFORMANCE_DATABASE_URL: process.env.PERFORMANCE_DATABASE_URL, KAFKA_TOPIC_PREFIX: process.env.KAFKA_TOPIC_PREFIX };

  beforeAll(async () => {
    Object.assign(tokens, {
      admin: await signDevToken({ sub: 'admin', roles: ['admin'], bu: ['*'] }),
      hr1: await signDevToken({ sub: 'hr-1', roles: ['hr'], bu: ['*'] }),
      hr2: await signDevToken({ sub: 'hr-2', roles: ['hr'], bu: ['*'] }),
      boss: await signDevToken({ sub: 'boss', roles: ['manager', 'employee'], bu: ['*'], emp: employeeIdFor(`M-${run}`) }),
    });
    db = await createTestDatabase('perf_safe');
    process.env.PERFORMANCE_DATABASE_URL = db.url;
    process.env.KAFKA_TOPIC_PREFIX = `${uniqueName('perf-safe')}.`;
    const { AppModule } = await import('../app.module');
    app = await createServiceApp(AppModule, { title: 'performance', description: 'test' });
    await app.init();
    store = app.get(EVENT_STORE);

    await api().post('/org/business-units').send({ businessUnitId: BU, name: 'Acme', parentId: null }).expect(201);
    await api().post('/org/business-units').send({ businessUnitId: SALES, name: 'Sales', parentId: BU }).expect(201);
    await api().post('/org/business-units').send({ businessUnitId: OPS, name: 'Ops', parentId: BU }).expect(201);
    await api().post('/org/employees').send({ employeeNumber: `M-${run}`, name: 'Boss', businessUnitId: SALES, position: 'Head', managerEmployeeNumber: null, level: 'management' }).expect(201);
    await api().post('/org/employees').send({ employeeNumber: ana, name: 'Ana', businessUnitId: SALES, position: 'Rep', managerEmployeeNumber: `M-${run}`, level: 'staff' }).expect(201);
    const card = `/scorecards/${ana}/${PERIOD}`;
    await api().post(`${card}/objectives`).send({ objectiveId: 'O-REV', title: 'Revenue', weight: 100, parentGoalId: null }).expect(201);
    await api().post(`${card}/objectives/O-REV/indicators`).send({ indicatorId: 'K-REV', name: 'Revenue', target: 200, unit: 'kEUR', method: { kind: 'linear-ratio' } }).expect(201);
    await api().post('/appraisal-cycles').send({ cycleId, period: PERIOD, businessUnitId: SALES }).expect(201);
    await api().post(`/appraisal-cycles/${cycleId}/participants`).expect(200);
    for (const to of ['execution', 'review']) await api().post(`/appraisal-cycles/${cycleId}/stage`).send({ to }).expect(200);
    await as('boss')
      .post(`${appraisal}/manager-assessment`)
      .send({ results: [{ indicatorId: 'K-REV', actual: 150 }], competencies: [{ competency: 'negotiation', rating: 3, requiredLevel: 3 }], potential: 'medium', comment: 'Good' })
      .expect(201);
    await api().post(`/appraisal-cycles/${cycleId}/stage`).send({ to: 'calibration' }).expect(200);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    for (const [k, v] of Object.entries(savedEnv)) if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  });

  describe('If-Match', () => {
    it('tags the appraisal it returns with its stream and version', async () => {
      const res = await as('hr1').get(appraisal).expect(200);
      expect(res.headers.etag).toBe(entityTag(anaAppraisal(), res.body.version));
    });

    it('lets the first of two HR users calibrating the same appraisal win; the second gets 412 and the rating stays the first', async () => {
      const [first, second] = await Promise.all([as('hr1').get(appraisal).expect(200), as('hr2').get(appraisal).expect(200)]);
      expect(first.headers.etag).toBe(second.headers.etag);
      const read = first.headers.etag;
      const before = await store.streamVersion(anaAppraisal());

      const won = await as('hr1').post(`${appraisal}/calibration`).set('if-match', read).send({ toBand: 'exceeds', reason: 'Top deal of the year' }).expect(200);
      expect(won.headers.etag).toBe(entityTag(anaAppraisal(), before + 1));
      const lost = await as('hr2').post(`${appraisal}/calibration`).set('if-match', read).send({ toBand: 'below', reason: 'Missed the forecast' }).expect(412);
      expect(lost.body).toMatchObject({ statusCode: 412, code: 'PRECONDITION_FAILED' });

      expect(await store.streamVersion(anaAppraisal())).toBe(before + 1);
      const now = await as('hr2').get(appraisal).expect(200);
      expect(now.body.ratingBand).toBe('exceeds');
      expect(now.headers.etag).toBe(won.headers.etag);
    });

    it('refuses the ETag of another record with 412, even one that is current', async () => {
      const employeeTag = (await api().get(`/org/employees/${ana}`).expect(200)).headers.etag;
      const before = await store.streamVersion(anaAppraisal());
      const res = await as('hr1').post(`${appraisal}/calibration`).set('if-match', employeeTag).send({ toBand: 'meets', reason: 'Wrong record' }).expect(412);
      expect(res.body.code).toBe('PRECONDITION_FAILED');
      expect(await store.streamVersion(anaAppraisal())).toBe(before);
    });

    it('writes with If-Match: * while the record exists, and with a list holding the current tag', async () => {
      const current = (await as('hr1').get(appraisal).expect(200)).headers.etag;
      await as('hr1').post(`${appraisal}/calibration`).set('if-match', '*').send({ toBand: 'meets', reason: 'Committee view' }).expect(200);
      const next = (await as('hr1').get(appraisal).expect(200)).headers.etag;
      await as('hr1').post(`${appraisal}/calibration`).set('if-match', `${current}, ${next}`).send({ toBand: 'exceeds', reason: 'Committee again' }).expect(200);
    });

    it('still writes without If-Match, as before', async () => {
      const before = await store.streamVersion(anaAppraisal());
      await as('hr2').post(`${appraisal}/calibration`).send({ toBand: 'meets', reason: 'No header, last writer wins' }).expect(200);
      expect(await store.streamVersion(anaAppraisal())).toBe(before + 1);
    });

    it('answers 400 naming the header when If-Match is malformed, and a weak tag never matches', async () => {
      const before = await store.streamVersion(anaAppraisal());
      const bad = await as('hr1').post(`${appraisal}/calibration`).set('if-match', 'v3').send({ toBand: 'meets', reason: 'x' }).expect(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'If-Match' })]);
      const current = (await as('hr1').get(appraisal).expect(200)).headers.etag;
      await as('hr1').post(`${appraisal}/calibration`).set('if-match', `W/${current}`).send({ toBand: 'meets', reason: 'x' }).expect(412);
      expect(await store.streamVersion(anaAppraisal())).toBe(before);
    });

    it('transfers an employee only over the version the caller read: a stale second transfer is a 412 and appends nothing', async () => {
      const read = await api().get(`/org/employees/${ana}`).expect(200);
      const stream = employeeStream(employeeIdFor(ana));
      expect(read.headers.etag).toBe(entityTag(stream, read.body.version));
      const moved = await as('hr1').post(`/org/employees/${ana}/transfer`).set('if-match', read.headers.etag).send({ toBusinessUnitId: OPS }).expect(200);
      expect(moved.headers.etag).toBe(entityTag(stream, read.body.version + 1));
      const stale = await as('hr2').post(`/org/employees/${ana}/transfer`).set('if-match', read.headers.etag).send({ toBusinessUnitId: BU }).expect(412);
      expect(stale.body.code).toBe('PRECONDITION_FAILED');
      expect(await store.streamVersion(stream)).toBe(read.body.version + 1);
      expect((await api().get(`/org/employees/${ana}`).expect(200)).body.businessUnitId).toBe(OPS);
    });

    it('answers 412 to If-Match on a write that names no record with an entity tag', async () => {
      const res = await api().post('/org/business-units').set('if-match', '*').send({ businessUnitId: `${BU}-X`, name: 'X', parentId: BU }).expect(412);
      expect(res.body.code).toBe('PRECONDITION_FAILED');
    });

    it('describes ETag on the read and If-Match with its 412 on the writes in OpenAPI', async () => {
      const doc = (await request(app.getHttpServer()).get('/docs/json').expect(200)).body;
      const path = '/appraisal-cycles/{cycleId}/appraisals/{employeeNumber}';
      expect(doc.paths[path].get.responses['200'].headers).toHaveProperty('ETag');
      const calibration = doc.paths[`${path}/calibration`].post;
      expect(calibration.parameters).toContainEqual(expect.objectContaining({ name: 'If-Match', in: 'header', required: false }));
      expect(calibration.responses).toHaveProperty('412');
      expect(doc.paths['/org/employees/{employeeNumber}/transfer'].post.parameters).toContainEqual(expect.objectContaining({ name: 'If-Match' }));
    });
  });

  describe('input the database cannot store', () => {
    it('refuses a NUL in a JSON body field with 400 INVALID_TEXT naming it, and appends nothing', async () => {
      const before = await store.streamVersion(anaAppraisal());
      const res = await as('hr1')
        .post(`${appraisal}/calibration`)
        .set('content-type', 'application/json')
        .send('{"toBand":"meets","reason":"looks fine\\u0000; DROP"}')
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'INVALID_TEXT', details: [{ field: 'reason' }] });
      expect(res.body.correlationId).toEqual(expect.any(String));
      expect(await store.streamVersion(anaAppraisal())).toBe(before);
    });

    it('refuses a lone surrogate in a JSON body field the same way', async () => {
      const res = await as('hr1').post(`${appraisal}/calibration`).send({ toBand: 'meets', reason: 'half an emoji \uD83D' }).expect(400);
      expect(res.body).toMatchObject({ code: 'INVALID_TEXT', details: [{ field: 'reason' }] });
    });

    it('refuses a lone surrogate in a query parameter with 400 INVALID_TEXT naming the parameter', async () => {
      const res = await api().get(`/org/employees/${ana}?asOf=%ED%A0%80`).expect(400);
      expect(res.body).toMatchObject({ code: 'INVALID_TEXT', details: [{ field: 'asOf' }] });
    });

    it('refuses a lone surrogate in a path parameter with 400 INVALID_TEXT naming the parameter, and appends nothing', async () => {
      const get = await api().get('/org/employees/%ED%A0%80').expect(400);
      expect(get.body).toMatchObject({ code: 'INVALID_TEXT', details: [{ field: 'employeeNumber' }] });
      const post = await api().post(`/appraisal-cycles/${cycleId}/appraisals/%ED%B0%80/calibration`).send({ toBand: 'meets', reason: 'x' }).expect(400);
      expect(post.body).toMatchObject({ code: 'INVALID_TEXT', details: [{ field: 'employeeNumber' }] });
      const nul = await api().get(`/appraisal-cycles/${cycleId}%00/appraisals/${ana}`).expect(400);
      expect(nul.body).toMatchObject({ code: 'INVALID_TEXT', details: [{ field: 'cycleId' }] });
    });

    it('refuses a JSON body nested 100 deep with 400 JSON_TOO_DEEP, and appends nothing', async () => {
      const before = await store.streamVersion(anaAppraisal());
      const deep = `{"toBand":"meets","reason":"x","extra":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`;
      const res = await as('hr1').post(`${appraisal}/calibration`).set('content-type', 'application/json').send(deep).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'JSON_TOO_DEEP' });
      expect(await store.streamVersion(anaAppraisal())).toBe(before);
    });

    it('refuses a __proto__ or constructor key anywhere with 400 FORBIDDEN_KEY, and appends nothing', async () => {
      const before = await store.streamVersion(anaAppraisal());
      const proto = await as('hr1').post(`${appraisal}/calibration`).set('content-type', 'application/json').send('{"toBand":"meets","reason":"x","__proto__":{"isAdmin":true}}').expect(400);
      expect(proto.body).toMatchObject({ code: 'FORBIDDEN_KEY', details: [{ field: '__proto__' }] });
      const ctor = await api().post('/org/business-units').send({ businessUnitId: `${BU}-Y`, name: 'Y', parentId: BU, meta: { constructor: { prototype: {} } } }).expect(400);
      expect(ctor.body.code).toBe('FORBIDDEN_KEY');
      expect(await store.streamVersion(anaAppraisal())).toBe(before);
    });

    it('leaves a text/csv body to the import (its cells are checked there)', async () => {
      const csv = `employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level\nG-${run},Gil,${SALES},Rep,M-${run},staff\n`;
      const res = await api().post('/org/employees/import').set('content-type', 'text/csv').send(csv).expect(200);
      expect(res.body).toMatchObject({ accepted: 1 });
    });
  });
});
