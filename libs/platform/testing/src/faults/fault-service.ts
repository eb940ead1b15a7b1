import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { eventually } from '../eventually';

const root = path.resolve(__dirname, '../../../../..');

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

export interface FaultService {
  name: string;
  url: string;
  logs: string[];
  /** True when the process exited without the test asking it to (a crash). */
  crashed(): boolean;
  exitCode(): number | null;
  /** SIGKILL, as a machine or the OOM killer would: no shutdown hooks run. */
  kill(): Promise<void>;
  /** Starts it again on the same port and database, and waits for /health 200. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A service run as `npm start` runs it (`node -r @swc-node/register apps/<name>/src/main.ts`, as
 * apps/e2e/src/boot-service.ts does), that a fault test may SIGKILL and start again.
 */
export async function bootFaultService(name: string, env: Record<string, string>): Promise<FaultService> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  let child: ChildProcess | null = null;
  let exited = true;
  let expectedExit = false;
  let code: number | null = null;

  const start = async () => {
    expectedExit = false;
    exited = false;
    code = null;
    const c = spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, 'apps', name, 'src', 'main.ts')], {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'), PORT: String(port), LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    c.stdout!.on('data', (d) => logs.push(String(d)));
    c.stderr!.on('data', (d) => logs.push(String(d)));
    c.once('exit', (exitCode, signal) => {
      exited = true;
      code = exitCode ?? (signal ? -1 : null);
    });
    await eventually(
      async () => {
        if (exited) throw new Error(`${name} exited while starting:\n${logs.join('').slice(-3000)}`);
        const res = await fetch(`${url}/health`);
        if (res.status !== 200) throw new Error(`${name} health ${res.status}`);
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
  };
  const stopWith = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      expectedExit = true;
      if (exited || !child) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
      if (signal !== 'SIGKILL') setTimeout(() => child?.kill('SIGKILL'), 15_000).unref();
    });
  await start();
  return {
    name,
    url,
    logs,
    crashed: () => exited && !expectedExit,
    exitCode: () => code,
    kill: () => stopWith('SIGKILL'),
    start,
    stop: () => stopWith('SIGTERM'),
  };
}
