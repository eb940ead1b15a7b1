import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@tpm/testing';
import { PostgresEventStore } from '../postgres/postgres-event-store';

// The integration project's testTimeout is not applied per project: set it here.
jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../../../../..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['-r', '@swc-node/register', 'libs/platform/event-store/src/cli/event-store.cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
  });
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!);

let db: TestDatabase;
let store: PostgresEventStore;
beforeAll(async () => {
  db = await createTestDatabase('es_cli');
  store = new PostgresEventStore({ connectionString: db.url, schema: 'audit' });
  await store.ensureSchema();
  await store.append('employee-1', [{ eventId: randomUUID(), type: 'Hired', data: { grade: 'B' } }], {
    expectedVersion: 'no-stream',
    metadata: { actor: { subject: 'hr-1', roles: ['hr'] }, correlationId: 'c' },
  });
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

describe('event-store CLI', () => {
  it('seals, then verifies intact history with exit code 0 and a JSON report', async () => {
    const seal = cli('seal', '--database-url', db.url, '--schema', 'audit');
    expect(seal.status).toBe(0);
    expect(lastJson(seal.stdout)).toMatchObject({ sealed: expect.any(Boolean) });
    const verify = cli('verify', '--database-url', db.url, '--schema', 'audit');
    expect(verify.status).toBe(0);
    expect(lastJson(verify.stdout)).toMatchObject({ ok: true, eventsChecked: 1 });
  });

  it('exits 1 and names the problem when history was edited', async () => {
    await store.withClient((c) => c.query(`UPDATE audit.events SET data = '{"grade":"A"}'`));
    const verify = cli('verify', `--database-url=${db.url}`, '--schema=audit');
    expect(verify.status).toBe(1);
    expect(lastJson(verify.stdout).problems).toContainEqual(expect.objectContaining({ kind: 'event-hash-mismatch', streamId: 'employee-1' }));
  });

  it('exits 2 with usage when the command is unknown', () => {
    const result = cli('rebuild', '--database-url', db.url);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage:');
  });
});
