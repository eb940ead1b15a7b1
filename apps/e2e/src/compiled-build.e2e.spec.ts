import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { signDevToken } from '@tpm/auth';
import { createTestDatabase, eventually, freePort, testBrokers, uniqueName, type TestDatabase } from '@tpm/testing';
import { exclusiveScenario } from './exclusive-scenario';

const root = path.resolve(__dirname, '../../..');
const run = promisify(execFile);

/**
 * What the image runs: `nx build performance` (the Nx cache answers when nothing changed), then
 * the compiled `node dist/apps/performance/main.js`, with no swc-node hook and no tsconfig paths,
 * on the test PostgreSQL and Kafka. A build whose output cannot boot (an alias left unresolved, a
 * file not emitted, a decorator without metadata) fails here.
 */
describe('the compiled build: nx build performance, then node dist/apps/performance/main.js', () => {
  const entry = path.join(root, 'dist', 'apps', 'performance', 'main.js');
  const nxBuild = () =>
    run(process.execPath, [require.resolve('nx/bin/nx.js'), 'build', 'performance'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
  let turn: { release(): Promise<void> } | undefined;
  let db: TestDatabase | undefined;
  let child: ChildProcess | undefined;
  let exited = false;
  const logs: string[] = [];
  let url = '';
  let bearer = '';
  let secondBuild = '';

  beforeAll(async () => {
    // Its topics are namespaced, but booting beside another suite's services would crowd two cores.
    turn = await exclusiveScenario();
    await nxBuild();
    // Before the service starts: a build restoring its outputs would swap files under a booting process.
    secondBuild = (await nxBuild()).stdout;
    db = await createTestDatabase('e2e_build_performance');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // Only what a container has: no NODE_OPTIONS (a -r hook), no SWC_NODE_PROJECT.
    const { NODE_OPTIONS: _hook, SWC_NODE_PROJECT: _paths, ...env } = process.env;
    child = spawn(process.execPath, ['--enable-source-maps', entry], {
      cwd: root,
      env: {
        ...env,
        PORT: String(port),
        DATABASE_URL: process.env.DATABASE_URL!,
        PERFORMANCE_DATABASE_URL: db.url,
        KAFKA_BROKERS: testBrokers().join(','),
        KAFKA_TOPIC_PREFIX: `${uniqueName('e2e-build')}.`,
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => logs.push(String(d)));
    child.stderr!.on('data', (d) => logs.push(String(d)));
    child.once('exit', () => (exited = true));
    bearer = `Bearer ${await signDevToken({ sub: 'e2e-build-admin', roles: ['admin'], bu: ['*'] })}`;
  }, 120_000);

  afterAll(async () => {
    if (child && !exited) {
      const gone = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      const force = setTimeout(() => child?.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(force);
    }
    await db?.drop();
    await turn?.release();
  });

  it('builds JavaScript only: the entry point and no TypeScript or spec in the output', async () => {
    expect(existsSync(entry)).toBe(true);
    const { stdout } = await run('find', [path.dirname(entry), '-name', '*.ts', '-o', '-name', '*.spec.js', '-o', '-path', '*/testing/*']);
    expect(stdout.trim()).toBe('');
  });

  it('takes an unchanged second build from the Nx cache', () => {
    expect(secondBuild).toMatch(/\[local cache\]|existing outputs match the cache/);
  });

  it('boots from the compiled output and answers GET /health 200', async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      // A process that died (a module not found) fails at once, with its last lines.
      if (exited) throw new Error(`the compiled performance service exited while starting:\n${logs.join('').slice(-3000)}`);
      const status = await fetch(`${url}/health`).then((r) => r.status, () => 0);
      if (status === 200) break;
      if (Date.now() > deadline) throw new Error(`no /health 200 within 60 s (last ${status}):\n${logs.join('').slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  it('runs an authenticated command and answers the query that reads it', async () => {
    const businessUnitId = `BU-${uniqueName('build').slice(-8)}`;
    const headers = { authorization: bearer, 'content-type': 'application/json' };
    const created = await fetch(`${url}/org/business-units`, { method: 'POST', headers, body: JSON.stringify({ businessUnitId, name: 'Compiled', parentId: null }) });
    expect(created.status).toBe(201);
    // A bad body is a 400 naming the field, from the compiled validation pipe and DTO metadata.
    const bad = await fetch(`${url}/org/business-units`, { method: 'POST', headers, body: JSON.stringify({ businessUnitId: 'has space', name: 'X', parentId: null }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { details: { field: string }[] }).details.map((d) => d.field)).toEqual(['businessUnitId']);
    await eventually(async () => {
      const res = await fetch(`${url}/org/business-units/${businessUnitId}`, { headers: { authorization: bearer } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ businessUnitId, name: 'Compiled' });
    });
    const anonymous = await fetch(`${url}/org/business-units/${businessUnitId}`);
    expect(anonymous.status).toBe(401);
  });
});
