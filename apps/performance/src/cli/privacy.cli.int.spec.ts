import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Pool } from 'pg';
import { loadPersonalDataMasterKey, PersonalDataStore, PostgresEventStore, PostgresPersonalDataKeys } from '@tpm/event-store';
import { employeeIdFor } from '@tpm/performance-application';
import { performancePersonalData, PostgresAnonymousFeedbackHoldingArea } from '@tpm/performance-infrastructure';
import { createTestDatabase, type TestDatabase } from '@tpm/testing';

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../../../..');
const cli = (url: string, ...args: string[]) =>
  spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/performance/src/cli/privacy.cli.ts', ...args, '--database-url', url], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'), LOG_LEVEL: 'warn' },
  });
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);

describe('npm run privacy -- erase', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PersonalDataStore;
  const employeeId = employeeIdFor('E-77');
  const meta = { actor: { subject: 'hr-1', roles: ['hr' as const] }, correlationId: randomUUID(), businessUnitId: 'BU-1' };

  beforeAll(async () => {
    db = await createTestDatabase('privacy_cli');
    pool = new Pool({ connectionString: db.url, max: 3 });
    const log = new PostgresEventStore({ pool });
    await log.ensureSchema();
    const keys = new PostgresPersonalDataKeys(pool, loadPersonalDataMasterKey({}));
    await keys.ensureSchema();
    await new PostgresAnonymousFeedbackHoldingArea(pool).ensureSchema();
    store = new PersonalDataStore(log, keys, performancePersonalData);
    const at = new Date().toISOString();
    await store.append(
      `performance-employee-${employeeId}`,
      [
        { eventId: randomUUID(), type: 'EmployeeOnboarded', data: { employeeId, employeeNumber: 'E-77', name: 'Quentin Vale', businessUnitId: 'BU-1', position: 'Clerk', managerId: null, level: 'staff', at } },
        { eventId: randomUUID(), type: 'EmployeeOffboarded', data: { employeeId, businessUnitId: 'BU-1', reason: 'moved', at } },
      ],
      { expectedVersion: 'no-stream', metadata: meta },
    );
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('refuses bad usage with exit code 2 and a reason naming the person with exit code 1', () => {
    expect(cli(db.url, 'erase', '--employee-number', 'E-77').status).toBe(2);
    const naming = cli(db.url, 'erase', '--employee-number', 'E-77', '--reason', 'Quentin asked');
    expect(naming.status).toBe(1);
    expect(lastJson(naming.stdout)).toMatchObject({ erased: false, code: 'ERASURE_REASON_NAMES_PERSON' });
  });

  it('erases the person as an audited event by the operator, and is idempotent', async () => {
    const run = cli(db.url, 'erase', '--employee-number', 'E-77', '--reason', 'GDPR Art. 17 request, ticket 12');
    expect(run.status).toBe(0);
    expect(lastJson(run.stdout)).toMatchObject({ erased: true, employeeId, appended: 1 });
    const events = await store.readStream(`performance-employee-${employeeId}`);
    expect(events.map((e) => e.type)).toEqual(['EmployeeOnboarded', 'EmployeeOffboarded', 'PersonErased']);
    expect(events[0].data).toMatchObject({ name: '[erased]' });
    expect(events[2].metadata.actor.subject).toMatch(/^cli:/);
    expect(lastJson(cli(db.url, 'erase', '--employee-number', 'E-77', '--reason', 'GDPR Art. 17 request, ticket 12').stdout)).toMatchObject({ erased: true, appended: 0 });
  });
});
