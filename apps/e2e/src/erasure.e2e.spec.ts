import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { Client } from 'pg';
import { signDevToken } from '@tpm/auth';
import { employeeIdFor } from '@tpm/performance-application';
import { eventually, testKafka } from '@tpm/testing';
import { startScenario, type Scenario } from './scenario';

const SERVICES = ['performance', 'training', 'coaching', 'rewards', 'reporting'];

/**
 * The right to erasure, proven from outside: a person with a name no other test uses is
 * onboarded, written about and offboarded; once erased, that name is in no row of any table of
 * any service's database (as text or as hex bytes), in no message of any topic, in no service
 * log; the API answers "[erased]" where it was; and every store still verifies.
 */
describe('erasure: a person erased is gone from every service, every topic and every log', () => {
  let scenario: Scenario;
  let admin = '';
  let hr = '';
  let auditor = '';
  // Letters only, unlike anything else: a hit can only be this person's data.
  const name = `Zorbulax ${randomBytes(6).toString('hex').replace(/[0-9]/g, (d) => 'qwrtyuiopl'[Number(d)])}`;
  const surname = name.split(' ')[1];
  const hexOf = (s: string) => Buffer.from(s, 'utf8').toString('hex');
  const perf = (bearer: string) => ({
    get: (url: string) => request(scenario.service('performance').url).get(url).set('authorization', bearer),
    post: (url: string) => request(scenario.service('performance').url).post(url).set('authorization', bearer),
  });

  beforeAll(async () => {
    scenario = await startScenario(SERVICES, { dbPrefix: 'erasure', env: { PROJECTION_POLL_MS: '100', EVENT_STORE_SEAL_EVERY_MS: '500' } });
    admin = `Bearer ${await signDevToken({ sub: 'admin-1', roles: ['admin'], bu: ['*'] })}`;
    hr = `Bearer ${await signDevToken({ sub: 'hr-1', roles: ['hr'], bu: ['BU-ROOT'] })}`;
    auditor = `Bearer ${await signDevToken({ sub: 'auditor-1', roles: ['auditor'], bu: ['*'] })}`;
    await perf(admin).post('/org/business-units').send({ businessUnitId: 'BU-ROOT', name: 'Acme', parentId: null }).expect(201);
    await perf(admin).post('/org/business-units').send({ businessUnitId: 'BU-OPS', name: 'Operations', parentId: 'BU-ROOT' }).expect(201);
    await perf(admin).post('/org/employees').send({ employeeNumber: 'M1', name: 'Mia Manager', businessUnitId: 'BU-OPS', position: 'Head', managerEmployeeNumber: null, level: 'management' }).expect(201);
    await perf(admin).post('/org/employees').send({ employeeNumber: 'Z1', name, businessUnitId: 'BU-OPS', position: 'Planner', managerEmployeeNumber: 'M1', level: 'staff' }).expect(201);
  }, 240_000);

  afterAll(() => scenario?.stop());

  it('shows the name to those who may see it while the person is known', async () => {
    // Scope is judged on the service's org copy, fed from Kafka: it knows the unit a moment later.
    await eventually(
      async () => {
        const res = await perf(hr).get('/org/employees/Z1');
        expect({ status: res.status, body: res.body }).toMatchObject({ status: 200, body: { name } });
      },
      { timeoutMs: 60_000, intervalMs: 300 },
    );
  });

  it('refuses to erase someone still employed, or with a reason that names them', async () => {
    const active = await perf(hr).post('/privacy/erasures').send({ employeeNumber: 'Z1', reason: 'GDPR Art. 17 request' }).expect(422);
    expect(active.body.code).toBe('EMPLOYEE_STILL_ACTIVE');
    await perf(hr).post(`/org/employees/Z1/offboard`).send({ reason: `${surname} moved abroad` }).expect(200);
    const naming = await perf(hr).post('/privacy/erasures').send({ employeeNumber: 'Z1', reason: `request from ${surname}` }).expect(422);
    expect(naming.body.code).toBe('ERASURE_REASON_NAMES_PERSON');
    const bad = await perf(hr).post('/privacy/erasures').send({ employeeNumber: 'not a number!', reason: '' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['employeeNumber', 'reason']);
    const stranger = `Bearer ${await signDevToken({ sub: 'hr-2', roles: ['hr'], bu: ['BU-ELSEWHERE'] })}`;
    expect((await perf(stranger).post('/privacy/erasures').send({ employeeNumber: 'Z1', reason: 'GDPR Art. 17 request' })).status).toBeGreaterThanOrEqual(403);
    const employee = `Bearer ${await signDevToken({ sub: 'M1', roles: ['manager'], bu: ['BU-OPS'] })}`;
    await perf(employee).post('/privacy/erasures').send({ employeeNumber: 'Z1', reason: 'GDPR Art. 17 request' }).expect(403);
    expect((await perf(hr).get('/org/employees/Z1').expect(200)).body.name).toBe(name);
  });

  it('erases the person, and asking again changes nothing', async () => {
    const first = await perf(hr).post('/privacy/erasures').send({ employeeNumber: 'Z1', reason: 'GDPR Art. 17 request, ticket 4711' }).expect(201);
    expect(first.body).toMatchObject({ employeeNumber: 'Z1', employeeId: employeeIdFor('Z1'), appended: 1 });
    const again = await perf(hr).post('/privacy/erasures').send({ employeeNumber: 'Z1', reason: 'GDPR Art. 17 request, ticket 4711' }).expect(201);
    expect(again.body).toMatchObject({ appended: 0, erasedAt: first.body.erasedAt });
    expect((await perf(hr).get('/org/employees/Z1').expect(200)).body.name).toBe('[erased]');
    // The manager's figures and name are untouched.
    expect((await perf(hr).get('/org/employees/M1').expect(200)).body.name).toBe('Mia Manager');
  });

  it('has every service destroy its own key for the person', async () => {
    const subject = employeeIdFor('Z1');
    for (const svc of SERVICES.filter((s) => s !== 'reporting')) {
      await eventually(
        async () => {
          const db = new Client({ connectionString: scenario.databaseUrl(svc) });
          await db.connect();
          try {
            const { rows } = await db.query(`SELECT wrapped_key IS NULL AS gone, erased_at IS NOT NULL AS erased FROM es.personal_data_keys WHERE subject_id = $1`, [subject]);
            expect({ svc, rows }).toEqual({ svc, rows: [{ gone: true, erased: true }] });
          } finally {
            await db.end();
          }
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
    }
  });

  it('leaves the name in no table of any service database', async () => {
    // Reporting's audit trail has caught up with the erasure itself: everything it will copy, it has.
    await eventually(
      async () => {
        const res = await request(scenario.service('reporting').url).get('/audit/events').query({ type: 'performance.PersonErased' }).set('authorization', auditor);
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).toContain(employeeIdFor('Z1'));
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const scan = async (needle: string) => {
      const hits: string[] = [];
      let tables = 0;
      for (const svc of SERVICES) {
        const db = new Client({ connectionString: scenario.databaseUrl(svc) });
        await db.connect();
        try {
          const { rows } = await db.query<{ schema: string; table: string }>(
            `SELECT table_schema AS schema, table_name AS table FROM information_schema.tables
              WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
          );
          for (const { schema, table } of rows) {
            tables++;
            const q = `SELECT count(*)::int AS n FROM "${schema}"."${table}" t WHERE t::text ILIKE $1 OR t::text ILIKE $2 OR t::text ILIKE $3`;
            const { rows: found } = await db.query<{ n: number }>(q, [`%${needle}%`, `%${hexOf(needle)}%`, `%${Buffer.from(needle).toString('base64').slice(0, 8)}%`]);
            if (found[0].n) hits.push(`${svc}: ${schema}.${table} (${found[0].n} rows)`);
          }
        } finally {
          await db.end();
        }
      }
      return { hits, tables };
    };
    // The scan finds what is there: a unit's name is not personal and sits in many tables.
    expect((await scan('Operations')).hits.length).toBeGreaterThan(3);
    const { hits, tables } = await scan(surname);
    expect(tables).toBeGreaterThan(20);
    expect(hits).toEqual([]);
  });

  it('leaves the name in no message of any topic', async () => {
    const kafka = testKafka();
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(scenario.namespace));
    const ends = new Map<string, number>();
    for (const t of topics) {
      for (const p of await admin.fetchTopicOffsets(t)) ends.set(`${t}/${p.partition}`, Number(p.high));
    }
    await admin.disconnect();
    const wanted = [...ends.values()].reduce((a, b) => a + b, 0);
    expect(topics.length).toBeGreaterThanOrEqual(10);
    expect(wanted).toBeGreaterThan(0);
    const consumer = kafka.consumer({ groupId: `${scenario.namespace}erasure-scan` });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    let seen = 0;
    let controls = 0;
    const hits: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${seen} of ${wanted} messages`)), 90_000);
      consumer
        .run({
          eachMessage: async ({ topic, partition, message }) => {
            seen++;
            const text = [message.key?.toString('utf8') ?? '', message.value?.toString('utf8') ?? '', ...Object.values(message.headers ?? {}).map(String)].join(' ');
            if (text.toLowerCase().includes(surname.toLowerCase())) hits.push(`${topic}/${partition}@${message.offset}`);
            // The control: a unit's name (not personal) travels in plaintext, so the scan sees it.
            if (text.includes('Operations')) controls++;
            if (seen >= wanted) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    await consumer.disconnect();
    expect(seen).toBeGreaterThanOrEqual(wanted);
    expect(controls).toBeGreaterThan(0);
    expect(hits).toEqual([]);
  });

  it('writes the name into no service log', () => {
    for (const svc of SERVICES) expect({ svc, found: scenario.service(svc).logs.join('').includes(surname) }).toEqual({ svc, found: false });
  });

  it('still verifies every store', async () => {
    for (const svc of SERVICES.filter((s) => s !== 'reporting')) {
      await eventually(
        async () => {
          const res = await request(scenario.service(svc).url).get('/history/verify').set('authorization', auditor);
          expect({ svc, status: res.status, ok: res.body.ok, problems: res.body.problems }).toEqual({ svc, status: 200, ok: true, problems: [] });
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );
    }
  });
});
