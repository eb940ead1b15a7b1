import request from 'supertest';
import { signDevToken } from '@tpm/auth';
import { eventually } from '@tpm/testing';
import type { RunningService } from './boot-service';
import { startScenario, type Scenario } from './scenario';

/**
 * The foundation's slice, end to end on the real PostgreSQL and Kafka: performance writes the
 * organization, its relay publishes to Kafka, reporting projects headcounts and the audit trail.
 */
describe('organization slice: performance -> Kafka -> reporting', () => {
  let scenario: Scenario;
  let performance: RunningService;
  let reporting: RunningService;
  let beforeTransfers = '';

  const DIVISIONS = ['BU-D1', 'BU-D2', 'BU-D3'];
  const DEPARTMENTS = DIVISIONS.flatMap((d) => [1, 2, 3].map((n) => `${d}-T${n}`));
  // An admin of the whole organization: this suite is about the data flow, security.e2e.spec.ts about access.
  let bearer = '';
  const perf = () => request.agent(performance.url).set('authorization', bearer);
  const rep = () => request.agent(reporting.url).set('authorization', bearer);

  beforeAll(async () => {
    bearer = `Bearer ${await signDevToken({ sub: 'e2e-admin', roles: ['admin'], bu: ['*'] })}`;
    scenario = await startScenario(['performance', 'reporting'], { dbPrefix: 'e2e' });
    [performance, reporting] = [scenario.service('performance'), scenario.service('reporting')];
  });

  afterAll(() => scenario?.stop());

  const csvFor = (rows: string[][]) =>
    ['employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level', ...rows.map((r) => r.join(','))].join('\n');

  // 1,000 employees: one manager per department, the rest staff reporting to them.
  const employees = Array.from({ length: 1000 }, (_, i) => {
    const dept = DEPARTMENTS[i % DEPARTMENTS.length];
    const isManager = i < DEPARTMENTS.length;
    const manager = isManager ? '' : `E${String(i % DEPARTMENTS.length).padStart(4, '0')}`;
    return [`E${String(i).padStart(4, '0')}`, `Employee ${i}`, dept, isManager ? 'Head' : 'Analyst', manager, isManager ? 'management' : 'staff'];
  });

  it('builds the business-unit tree', async () => {
    await perf().post('/org/business-units').send({ businessUnitId: 'BU-ROOT', name: 'Acme', parentId: null }).expect(201);
    for (const d of DIVISIONS) await perf().post('/org/business-units').send({ businessUnitId: d, name: d, parentId: 'BU-ROOT' }).expect(201);
    for (const t of DEPARTMENTS) await perf().post('/org/business-units').send({ businessUnitId: t, name: t, parentId: t.slice(0, 5) }).expect(201);
  });

  it('rejects a bad business unit with a 400 naming the field, and an unknown parent with a 422', async () => {
    const bad = await perf().post('/org/business-units').send({ businessUnitId: 'has space', name: '' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['businessUnitId', 'name']);
    const malformed = await perf().post('/org/business-units').set('content-type', 'application/json').send('{"businessUnitId":').expect(400);
    expect(malformed.body).toMatchObject({ code: 'MALFORMED_JSON', correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const unknown = await perf().post('/org/business-units').send({ businessUnitId: 'BU-X', name: 'X', parentId: 'BU-NOPE' }).expect(422);
    expect(unknown.body.code).toBe('PARENT_BUSINESS_UNIT_NOT_FOUND');
    await perf().post('/org/business-units').send({ businessUnitId: 'BU-Y', name: 'Y', parentId: 'BU-ROOT', extra: 1 }).expect(400);
  });

  it('imports 1,000 employees, reports the bad rows, and lands the good ones', async () => {
    const badRows = [
      ['E9001', 'No Unit', 'BU-NOPE', 'Analyst', '', 'staff'],
      ['E0005', 'Duplicate number', 'BU-D1-T1', 'Analyst', '', 'staff'],
      ['E9002', 'Bad level', 'BU-D1-T1', 'Analyst', '', 'intern'],
      ['', 'Missing number', 'BU-D1-T1', 'Analyst', '', 'staff'],
    ];
    const res = await perf().post('/org/employees/import').set('content-type', 'text/csv').send(csvFor([...employees, ...badRows])).expect(200);
    expect(res.body.accepted).toBe(1000);
    expect(res.body.rejected.map((r: { row: number }) => r.row).sort((a: number, b: number) => a - b)).toEqual([1001, 1002, 1003, 1004]);
    for (const r of res.body.rejected) expect(r.errors.length).toBeGreaterThan(0);
  });

  it('changes nothing when the same file is imported again', async () => {
    const res = await perf().post('/org/employees/import').set('content-type', 'text/csv').send(csvFor(employees)).expect(200);
    expect(res.body).toMatchObject({ accepted: 0, unchanged: 1000, rejected: [] });
    beforeTransfers = new Date().toISOString();
  });

  it('refuses an import that is not CSV', async () => {
    await perf().post('/org/employees/import').send({ rows: [] }).expect(415);
    const wrongHeader = await perf().post('/org/employees/import').set('content-type', 'text/csv').send('a,b\n1,2').expect(400);
    expect(wrongHeader.body.code).toBe('EMPLOYEE_IMPORT_FILE_INVALID');
  });

  it('transfers 30 employees from one department to another', async () => {
    const movers = employees.filter((e) => e[2] === 'BU-D1-T1' && e[5] === 'staff').slice(0, 30);
    expect(movers).toHaveLength(30);
    for (const [number] of movers) {
      await perf().post(`/org/employees/${number}/transfer`).send({ toBusinessUnitId: 'BU-D2-T1' }).expect(200);
    }
  });

  it('projects headcounts with and without descendants in reporting', async () => {
    const perDept = (dept: string) => employees.filter((e) => e[2] === dept).length;
    await eventually(
      async () => {
        const t1 = await rep().get('/org/business-units/BU-D1-T1').expect(200);
        expect(t1.body).toMatchObject({ businessUnitId: 'BU-D1-T1', headcount: perDept('BU-D1-T1') - 30, headcountWithDescendants: perDept('BU-D1-T1') - 30 });
        const d2t1 = await rep().get('/org/business-units/BU-D2-T1').expect(200);
        expect(d2t1.body.headcount).toBe(perDept('BU-D2-T1') + 30);
        const root = await rep().get('/org/business-units/BU-ROOT').expect(200);
        expect(root.body).toMatchObject({ name: 'Acme', headcount: 0, headcountWithDescendants: 1000 });
        const d1 = await rep().get('/org/business-units/BU-D1').expect(200);
        expect(d1.body.headcountWithDescendants).toBe(DEPARTMENTS.filter((d) => d.startsWith('BU-D1')).reduce((n, d) => n + perDept(d), 0) - 30);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    await rep().get('/org/business-units/BU-NOPE').expect(404);
  });

  // Other suites publish to the same topic: this suite's transfers are the ones its admin made.
  it('lists every transfer in the audit trail, with who, when and the correlation id, page by page', async () => {
    const items: { type: string; streamId: string; actor: { subject: string }; correlationId: string; occurredAt: string }[] = [];
    let after: string | null = null;
    do {
      const page: request.Response = await rep()
        .get('/audit/events')
        .query({ type: 'performance.EmployeeTransferred', actor: 'e2e-admin', limit: 7, ...(after ? { after } : {}) })
        .expect(200);
      items.push(...page.body.items);
      after = page.body.next;
    } while (after);
    expect(items).toHaveLength(30);
    expect(new Set(items.map((i) => i.streamId)).size).toBe(30);
    for (const i of items) {
      expect(i.type).toBe('performance.EmployeeTransferred');
      expect(i.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(i.occurredAt)).not.toBeNaN();
      expect(i.actor).toEqual({ subject: 'e2e-admin', roles: ['admin'] });
    }
    const oneStream = items[0].streamId;
    const history = await rep().get('/audit/events').query({ streamId: oneStream }).expect(200);
    expect(history.body.items.map((i: { type: string }) => i.type)).toEqual(['performance.EmployeeOnboarded', 'performance.EmployeeTransferred']);
  });

  it('verifies the performance store untampered and serves an employee as of before the transfer', async () => {
    const report = await perf().get('/history/verify').expect(200);
    expect(report.body).toMatchObject({ ok: true, problems: [] });
    expect(report.body.eventsChecked).toBeGreaterThanOrEqual(1000 + 13 + 30);

    const mover = employees.find((e) => e[2] === 'BU-D1-T1' && e[5] === 'staff')![0];
    const now = await perf().get(`/org/employees/${mover}`).expect(200);
    expect(now.body.businessUnitId).toBe('BU-D2-T1');
    const then = await perf().get(`/org/employees/${mover}`).query({ asOf: beforeTransfers }).expect(200);
    expect(then.body.businessUnitId).toBe('BU-D1-T1');
    await perf().get(`/org/employees/${mover}`).query({ asOf: 'yesterday' }).expect(400);
  });
});
