import http from 'node:http';
import net from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import request from 'supertest';
import { signDevToken } from '@tpm/auth';
import { employeeIdFor, employeeStream } from '@tpm/performance-application';
import { Client } from 'pg';
import { createTestDatabase, eventually, type TestDatabase, uniqueName } from '@tpm/testing';
import { bootService, type RunningService } from './boot-service';
import { exclusiveScenario } from './exclusive-scenario';
import { startScenario, type Scenario } from './scenario';

/**
 * The access model on real services with real tokens. Org: ROOT > BU-7 > BU-7A, ROOT > BU-9;
 * M7 manages BU-7, M9 manages BU-9, E1 works in BU-7A, E2 in BU-9.
 */
type Call = { method: 'get' | 'post'; url: string; body?: object | string; csv?: boolean };
const bearer = async (sub: string, roles: string[], bu: string[] = [], empNumber?: string) =>
  `Bearer ${await signDevToken({ sub, roles, bu, ...(empNumber ? { emp: employeeIdFor(empNumber) } : {}) })}`;

describe('security: who may do what, in which business units', () => {
  let scenario: Scenario;
  let performance: RunningService;
  let reporting: RunningService;
  const tokens: Record<string, string> = {};

  const call = (svc: RunningService, c: Call, auth?: string) => {
    let r = request(svc.url)[c.method](c.url);
    if (auth) r = r.set('authorization', auth);
    if (c.csv) r = r.set('content-type', 'text/csv');
    return c.body === undefined ? r : r.send(c.body);
  };
  const perf = (c: Call, who: string) => call(performance, c, tokens[who]);
  const rep = (c: Call, who: string) => call(reporting, c, tokens[who]);

  beforeAll(async () => {
    scenario = await startScenario(['performance', 'reporting'], { dbPrefix: 'sec' });
    [performance, reporting] = [scenario.service('performance'), scenario.service('reporting')];
    Object.assign(tokens, {
      admin: await bearer('admin-1', ['admin']),
      hrRoot: await bearer('hr-root', ['hr'], ['ROOT']),
      hr7: await bearer('hr-7', ['hr'], ['BU-7']),
      manager7: await bearer('M7', ['manager'], ['BU-7'], 'M7'),
      manager9: await bearer('M9', ['manager'], ['BU-9'], 'M9'),
      employeeE1: await bearer('E1', ['employee'], [], 'E1'),
      executive7: await bearer('exec-7', ['executive'], ['BU-7']),
      analyst7: await bearer('analyst-7', ['analyst'], ['BU-7']),
      auditorAll: await bearer('auditor-all', ['auditor'], ['*']),
      auditor9: await bearer('auditor-9', ['auditor'], ['BU-9']),
      trainer7: await bearer('trainer-7', ['trainer'], ['BU-7']),
      coach7: await bearer('coach-7', ['coach'], ['BU-7']),
    });

    const admin = (c: Call) => perf(c, 'admin').expect((r) => expect([200, 201]).toContain(r.status));
    await admin({ method: 'post', url: '/org/business-units', body: { businessUnitId: 'ROOT', name: 'Acme', parentId: null } });
    for (const [id, parentId] of [['BU-7', 'ROOT'], ['BU-7A', 'BU-7'], ['BU-9', 'ROOT']]) {
      await admin({ method: 'post', url: '/org/business-units', body: { businessUnitId: id, name: id, parentId } });
    }
    for (const [employeeNumber, businessUnitId, level, manager] of [
      ['M7', 'BU-7', 'management', null],
      ['M9', 'BU-9', 'management', null],
      ['E1', 'BU-7A', 'staff', 'M7'],
      ['E2', 'BU-9', 'staff', 'M9'],
    ]) {
      await admin({ method: 'post', url: '/org/employees', body: { employeeNumber, name: employeeNumber, businessUnitId, position: 'P', managerEmployeeNumber: manager, level } });
    }
    // Scope is answered from each service's local org copy, fed through Kafka: wait until both know E2.
    await eventually(() => perf({ method: 'get', url: '/org/employees/E2' }, 'manager9').expect(200), { timeoutMs: 60_000, intervalMs: 300 });
    await eventually(() => rep({ method: 'get', url: '/org/business-units/BU-9' }, 'analyst7').expect(403), { timeoutMs: 60_000, intervalMs: 300 });
    await eventually(() => rep({ method: 'get', url: '/org/business-units/BU-7A' }, 'analyst7').expect(200), { timeoutMs: 60_000, intervalMs: 300 });
  });

  afterAll(() => scenario?.stop());

  describe('authentication', () => {
    const someRoute: Call = { method: 'get', url: '/org/employees/E1' };

    it('answers 401 without a token, in the one error shape and without internals', async () => {
      const res = await call(performance, someRoute).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code: 'TOKEN_MISSING', message: expect.any(String) });
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|stack|SELECT/);
    });

    it.each([
      ['a bad signature', () => signDevToken({ sub: 'x', roles: ['admin'] }, { secret: 'a-different-secret-of-enough-length-123' }), 'TOKEN_INVALID'],
      ['an expired token', () => signDevToken({ sub: 'x', roles: ['admin'] }, { expiresIn: -120 }), 'TOKEN_EXPIRED'],
      ['another audience', () => signDevToken({ sub: 'x', roles: ['admin'] }, { audience: 'other-system' }), 'TOKEN_INVALID'],
      ['a header that is not a bearer JWT', async () => 'not-a-jwt', 'TOKEN_INVALID'],
    ])('answers 401 for %s', async (_, make, code) => {
      const res = await call(performance, someRoute, `Bearer ${await make()}`).expect(401);
      expect(res.body.code).toBe(code);
      await call(reporting, { method: 'get', url: '/projections' }, `Bearer ${await make()}`).expect(401);
    });

    it('leaves /health and /docs open', async () => {
      await request(performance.url).get('/health').expect(200);
      await request(reporting.url).get('/docs/json').expect(200);
    });
  });

  // [who, service, call, expected status]
  const P = 'performance';
  const R = 'reporting';
  const TABLE: [string, typeof P | typeof R, Call, number][] = [
    // employee: own record only, no writes
    ['employeeE1', P, { method: 'get', url: '/org/employees/E1' }, 200],
    ['employeeE1', P, { method: 'get', url: '/org/employees/E2' }, 403],
    ['employeeE1', P, { method: 'get', url: '/org/business-units/BU-7A' }, 403],
    ['employeeE1', P, { method: 'post', url: '/org/employees/E1/transfer', body: { toBusinessUnitId: 'BU-7' } }, 403],
    ['employeeE1', R, { method: 'get', url: '/org/business-units/BU-7A' }, 403],
    // manager of BU-7: reads and transfers within BU-7's subtree, nothing of BU-9
    ['manager7', P, { method: 'get', url: '/org/employees/E1' }, 200],
    ['manager7', P, { method: 'get', url: '/org/employees/E2' }, 403],
    ['manager7', P, { method: 'get', url: '/org/business-units/BU-7A' }, 200],
    ['manager7', P, { method: 'get', url: '/org/business-units/BU-9' }, 403],
    ['manager7', P, { method: 'post', url: '/org/employees/E1/transfer', body: { toBusinessUnitId: 'BU-9' } }, 403],
    ['manager7', P, { method: 'post', url: '/org/employees/E2/transfer', body: { toBusinessUnitId: 'BU-7' } }, 403],
    ['manager7', P, { method: 'post', url: '/org/business-units/BU-7A/rename', body: { name: 'x' } }, 403],
    ['manager7', P, { method: 'post', url: '/org/employees/E1/offboard', body: {} }, 403],
    ['manager7', R, { method: 'get', url: '/org/business-units/BU-7' }, 200],
    ['manager7', R, { method: 'get', url: '/org/business-units/BU-9/subtree' }, 403],
    ['manager7', R, { method: 'get', url: '/audit/events' }, 403],
    // hr of BU-7: changes within BU-7's subtree
    ['hr7', P, { method: 'post', url: '/org/business-units/BU-7A/rename', body: { name: 'Sales 7A' } }, 200],
    ['hr7', P, { method: 'post', url: '/org/business-units/BU-9/rename', body: { name: 'x' } }, 403],
    ['hr7', P, { method: 'post', url: '/org/business-units', body: { businessUnitId: 'BU-7B', name: '7B', parentId: 'BU-7' } }, 201],
    ['hr7', P, { method: 'post', url: '/org/business-units', body: { businessUnitId: 'BU-9B', name: '9B', parentId: 'BU-9' } }, 403],
    ['hr7', P, { method: 'post', url: '/org/business-units', body: { businessUnitId: 'ROOT2', name: 'r', parentId: null } }, 403],
    ['hr7', P, { method: 'post', url: '/org/business-units/BU-7A/reparent', body: { parentId: 'BU-9' } }, 403],
    ['hr7', P, { method: 'post', url: '/org/employees', body: { employeeNumber: 'E9X', name: 'n', businessUnitId: 'BU-9', position: 'p', level: 'staff' } }, 403],
    ['hr7', P, { method: 'post', url: '/org/employees/E2/manager', body: { managerEmployeeNumber: null } }, 403],
    ['hr7', P, { method: 'post', url: '/org/employees/E2/offboard', body: {} }, 403],
    ['hr7', P, { method: 'get', url: '/history/verify' }, 403],
    // executive and analyst: aggregates within their units; no individual records, no audit trail
    ['executive7', R, { method: 'get', url: '/org/business-units/BU-7/subtree' }, 200],
    ['executive7', R, { method: 'get', url: '/org/business-units/BU-9' }, 403],
    ['executive7', P, { method: 'get', url: '/org/employees/E1' }, 403],
    ['analyst7', R, { method: 'get', url: '/org/business-units/BU-7' }, 200],
    ['analyst7', R, { method: 'get', url: '/org/business-units/ROOT' }, 403],
    ['analyst7', R, { method: 'get', url: '/audit/events' }, 403],
    ['analyst7', P, { method: 'get', url: '/history/verify' }, 403],
    ['analyst7', P, { method: 'post', url: '/org/business-units/BU-7A/rename', body: { name: 'x' } }, 403],
    // trainer and coach: nothing of the org slice yet (their own domains come with their issues)
    ['trainer7', P, { method: 'get', url: '/org/employees/E1' }, 403],
    ['trainer7', R, { method: 'get', url: '/org/business-units/BU-7' }, 403],
    ['coach7', P, { method: 'get', url: '/org/employees/E1' }, 403],
    ['coach7', P, { method: 'get', url: '/history/verify' }, 403],
    // auditor: reads history and the trail, never writes
    ['auditorAll', R, { method: 'get', url: '/audit/events?limit=5' }, 200],
    ['auditorAll', P, { method: 'get', url: '/history/verify' }, 200],
    ['auditorAll', P, { method: 'get', url: `/history/streams/${employeeStream(employeeIdFor('E1'))}` }, 200],
    ['auditorAll', P, { method: 'get', url: '/org/employees/E1' }, 200],
    ['auditorAll', P, { method: 'post', url: '/org/business-units/BU-7A/rename', body: { name: 'x' } }, 403],
    ['auditorAll', P, { method: 'post', url: '/org/employees/import', body: 'employeeNumber\n', csv: true }, 403],
    ['auditorAll', R, { method: 'get', url: '/admin/access-log' }, 403],
    ['auditorAll', R, { method: 'get', url: '/projections' }, 403],
    ['auditor9', R, { method: 'get', url: '/audit/events' }, 403],
    ['auditor9', R, { method: 'get', url: '/audit/events?businessUnitId=BU-9' }, 200],
    ['auditor9', R, { method: 'get', url: '/audit/events?businessUnitId=BU-7' }, 403],
    ['auditor9', P, { method: 'get', url: `/history/streams/${employeeStream(employeeIdFor('E2'))}` }, 200],
    ['auditor9', P, { method: 'get', url: `/history/streams/${employeeStream(employeeIdFor('E1'))}` }, 403],
    ['auditor9', P, { method: 'get', url: '/history/streams/performance-org-structure' }, 403],
    // admin: everything
    ['admin', R, { method: 'get', url: '/projections' }, 200],
    ['admin', R, { method: 'get', url: '/admin/access-log' }, 200],
    ['admin', P, { method: 'get', url: '/admin/access-log' }, 200],
    ['admin', P, { method: 'get', url: '/history/streams/performance-org-structure' }, 200],
    ['admin', R, { method: 'get', url: '/org/business-units/ROOT/subtree' }, 200],
  ];

  it.each(TABLE)('%s: %s %j → %i', async (who, svc, c, status) => {
    const res = await (svc === P ? perf : rep)(c, who);
    expect({ status: res.status, body: res.status === status ? undefined : res.body }).toEqual({ status, body: undefined });
    if (status === 403) expect(res.body).toMatchObject({ statusCode: 403, code: expect.any(String), message: expect.any(String) });
  });

  it('tells an auditor that writes are refused because auditors are read-only', async () => {
    const res = await perf({ method: 'post', url: '/org/employees/E1/offboard', body: {} }, 'auditorAll').expect(403);
    expect(res.body.code).toBe('AUDITOR_READ_ONLY');
  });

  it('records the verified actor (subject and roles only) in the event metadata', async () => {
    await perf({ method: 'post', url: '/org/business-units/BU-7A/rename', body: { name: 'Renamed by hr-7' } }, 'hr7').expect(200);
    const res = await perf({ method: 'get', url: '/history/streams/performance-org-structure' }, 'admin').expect(200);
    const last = res.body.events[res.body.events.length - 1];
    expect(last.type).toBe('BusinessUnitRenamed');
    expect(last.metadata.actor).toEqual({ subject: 'hr-7', roles: ['hr'] });
  });

  it('rejects import rows outside the importer’s units, row by row, and lands the rest', async () => {
    const csv = [
      'employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level',
      'E71,In scope,BU-7A,Analyst,M7,staff',
      'E91,Out of scope,BU-9,Analyst,M9,staff',
      'E2,Moved out of another unit,BU-7A,Analyst,M7,staff',
    ].join('\n');
    const res = await perf({ method: 'post', url: '/org/employees/import', body: csv, csv: true }, 'hr7').expect(200);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected).toEqual([
      { row: 2, employeeNumber: 'E91', errors: [expect.stringMatching(/BU-9 is outside the business units you may change/)] },
      { row: 3, employeeNumber: 'E2', errors: [expect.stringMatching(/employee E2 belongs to a business unit outside/)] },
    ]);
  });

  it('moves access with the employee: after the transfer the old manager loses it and the new one gains it', async () => {
    await perf({ method: 'get', url: '/org/employees/E1' }, 'manager7').expect(200);
    await perf({ method: 'get', url: '/org/employees/E1' }, 'manager9').expect(403);
    await perf({ method: 'post', url: '/org/employees/E1/transfer', body: { toBusinessUnitId: 'BU-9' } }, 'hrRoot').expect(200);
    await eventually(
      async () => {
        await perf({ method: 'get', url: '/org/employees/E1' }, 'manager9').expect(200);
        await perf({ method: 'get', url: '/org/employees/E1' }, 'manager7').expect(403);
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
    // The employee still sees their own record wherever they work.
    await perf({ method: 'get', url: '/org/employees/E1' }, 'employeeE1').expect(200);
  });

  it('records every audit-trail and history read, and lists them to an admin only', async () => {
    await rep({ method: 'get', url: '/audit/events?businessUnitId=BU-9&limit=3' }, 'auditor9').expect(200);
    await perf({ method: 'get', url: '/history/verify' }, 'auditorAll').expect(200);
    const reads = await rep({ method: 'get', url: '/admin/access-log?limit=1000' }, 'admin').expect(200);
    expect(reads.body.items).toContainEqual(
      expect.objectContaining({ subject: 'auditor-9', roles: ['auditor'], resource: 'audit.events', path: '/audit/events', query: { businessUnitId: 'BU-9', limit: '3' } }),
    );
    expect(Date.parse(reads.body.items[0].at)).not.toBeNaN();
    const perfReads = await perf({ method: 'get', url: '/admin/access-log' }, 'admin').expect(200);
    expect(perfReads.body.items.map((i: { subject: string; resource: string }) => `${i.subject} ${i.resource}`)).toContain('auditor-all history.verify');
    const page = await rep({ method: 'get', url: '/admin/access-log?limit=1' }, 'admin').expect(200);
    expect(page.body.next).toEqual(expect.any(String));
    await rep({ method: 'get', url: '/admin/access-log?after=drop%20table' }, 'admin').expect(400);
  });

  describe('input hardening', () => {
    it('answers a database failure with a bare 500 (no SQL, no stack), and serves no unrecorded audit read', async () => {
      const reportingDb = new Client({ connectionString: scenario.databaseUrl('reporting') });
      await reportingDb.connect();
      try {
        await reportingDb.query('ALTER TABLE auth.access_log RENAME TO access_log_away');
        const res = await rep({ method: 'get', url: '/audit/events?limit=1' }, 'auditorAll').expect(500);
        expect(res.body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal error', correlationId: expect.any(String) });
      } finally {
        await reportingDb.query('ALTER TABLE auth.access_log_away RENAME TO access_log');
        await reportingDb.end();
      }
    });

    it('refuses a body over the limit with 413 and unknown fields with 400', async () => {
      const big = { businessUnitId: 'BU-BIG', name: 'x'.repeat(1_100_000) };
      const res = await perf({ method: 'post', url: '/org/business-units', body: big }, 'admin').expect(413);
      expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      await perf({ method: 'post', url: '/org/business-units', body: { businessUnitId: 'BU-Z', name: 'z', parentId: 'ROOT', admin: true } }, 'admin').expect(400);
      await perf({ method: 'get', url: `/org/business-units/${encodeURIComponent("x' OR 1=1")}` }, 'admin').expect(400);
    });

    it('refuses an import over the row limit with a clear error naming the limit', async () => {
      const rows = Array.from({ length: 50_001 }, (_, i) => `X${i},N,BU-7A,P,,staff`);
      const csv = ['employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level', ...rows].join('\n');
      const res = await perf({ method: 'post', url: '/org/employees/import', body: csv, csv: true }, 'admin').expect(400);
      expect(res.body).toMatchObject({ code: 'EMPLOYEE_IMPORT_TOO_LARGE', message: 'The employee file has 50001 rows; at most 50000 are accepted per import' });
    });

    it('sends security headers and no CORS grant unless configured', async () => {
      const res = await request(performance.url).options('/org/employees/E1').set('origin', 'https://evil.example').set('access-control-request-method', 'GET');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const health = await request(performance.url).get('/health').expect(200);
      expect(health.headers['x-content-type-options']).toBe('nosniff');
      expect(health.headers['x-powered-by']).toBeUndefined();
    });
  });
});

/** Production mode: RS256 against the identity provider's JWKS, issuer and audience enforced. */
describe('security: JWKS mode', () => {
  let idp: http.Server;
  let service: RunningService;
  let db: TestDatabase;
  let key: KeyLike;
  let turn: { release(): Promise<void> };
  const issuer = 'https://idp.example';
  const audience = 'tpm-api';
  const rs256 = (claims: object, opts: { aud?: string; iss?: string; signer?: KeyLike; kid?: string } = {}) =>
    new SignJWT({ roles: ['admin'], bu: [], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: opts.kid ?? 'k1' })
      .setSubject('idp-admin')
      .setIssuer(opts.iss ?? issuer)
      .setAudience(opts.aud ?? audience)
      .setExpirationTime('5m')
      .sign(opts.signer ?? key);

  beforeAll(async () => {
    turn = await exclusiveScenario();
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    idp = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: req.url === '/jwks' ? [jwk] : [] }));
    });
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const { port } = idp.address() as net.AddressInfo;
    db = await createTestDatabase('sec_jwks');
    service = await bootService('rewards', {
      REWARDS_DATABASE_URL: db.url,
      KAFKA_TOPIC_PREFIX: `${uniqueName('e2e')}.`,
      AUTH_MODE: 'jwks',
      // JWKS authentication is production: the service refuses to start without its integrity key.
      EVENT_STORE_HMAC_KEY: 'e2e-integrity-key-of-at-least-32-characters',
      PERSONAL_DATA_MASTER_KEY: Buffer.alloc(32, 5).toString('base64'),
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: audience,
    });
  });

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
    await new Promise((r) => idp?.close(r));
    await turn?.release();
  });

  const verify = (auth?: string) => {
    const r = request(service.url).get('/history/verify');
    return auth ? r.set('authorization', auth) : r;
  };

  it('accepts an RS256 token of the identity provider', async () => {
    await verify(`Bearer ${await rs256({})}`).expect(200);
  });

  it.each([
    ['the wrong audience', async () => rs256({}, { aud: 'someone-else' })],
    ['the wrong issuer', async () => rs256({}, { iss: 'https://evil.example' })],
    ['a key the identity provider does not publish', async () => rs256({}, { signer: (await generateKeyPair('RS256')).privateKey })],
    ['an HS256 development token', async () => signDevToken({ sub: 'x', roles: ['admin'] }, { issuer, audience })],
  ])('refuses %s with 401', async (_, make) => {
    const res = await verify(`Bearer ${await make()}`).expect(401);
    expect(res.body.code).toBe('TOKEN_INVALID');
  });

  it('still answers 403 for a verified token without the role', async () => {
    await verify(`Bearer ${await rs256({ roles: ['manager'] })}`).expect(403);
  });
});
