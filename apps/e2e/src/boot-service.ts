import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { eventually } from '@tpm/testing';

const root = path.resolve(__dirname, '../../..');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

export interface RunningService {
  name: string;
  url: string;
  logs: string[];
  stop(): Promise<void>;
}

/**
 * Runs a service as `npm start` does, in its own process (`node -r @swc-node/register
 * apps/<name>/src/main.ts`), on a free port and its own database, and waits for /health.
 */
export async function bootService(name: string, env: Record<string, string>): Promise<RunningService> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, 'apps', name, 'src', 'main.ts')], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'), PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  child.stdout!.on('data', (d) => logs.push(String(d)));
  child.stderr!.on('data', (d) => logs.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  await eventually(
    async () => {
      if (exited) throw new Error(`${name} exited while starting:\n${logs.join('').slice(-3000)}`);
      const res = await fetch(`${url}/health`);
      if (res.status !== 200) throw new Error(`${name} health ${res.status}`);
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  return {
    name,
    url,
    logs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}
