import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../../..');

export type FaultCommand = 'pg-stop' | 'pg-start' | 'kafka-kill' | 'kafka-start';

export interface FaultInfra {
  databaseUrl: string;
  kafkaBrokers: string;
  /** Runs one fault command and resolves when it is done (the server is down, or up and listening). */
  run(cmd: FaultCommand): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the fault tests' own embedded PostgreSQL and KRaft broker (fault-infra-server.mjs, in a child
 * process) on ports of their own, away from the suite's (55432/29092) and the dev servers'.
 */
export async function startFaultInfra(): Promise<FaultInfra> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.KAFKA_BROKERS;
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'fault-infra-server.mjs')], { cwd: root, env, stdio: ['pipe', 'pipe', 'inherit'] });
  const waiters: { match: (msg: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];
  let exited = false;
  child.once('exit', () => (exited = true));
  let buf = '';
  // Its own log lines (embedded PostgreSQL, the broker) come on stdout too: the last ones explain an early exit.
  const recent: string[] = [];
  child.stdout!.on('data', (d) => {
    buf += String(d);
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      recent.push(line.slice(0, 500));
      if (recent.length > 15) recent.shift();
      if (!line.startsWith('{')) continue;
      const msg = JSON.parse(line) as Record<string, unknown>;
      const i = waiters.findIndex((w) => w.match(msg));
      if (i >= 0) waiters.splice(i, 1)[0].resolve(msg);
    }
  });
  const next = (match: (msg: Record<string, unknown>) => boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      waiters.push({ match, resolve });
      child.once('exit', (code) => reject(new Error(`fault infrastructure exited (code ${code}); its last lines:\n${recent.join('\n')}`)));
    });
  const ready = await next((m) => m.ready === true);
  return {
    databaseUrl: ready.databaseUrl as string,
    kafkaBrokers: ready.kafkaBrokers as string,
    async run(cmd) {
      const answer = next((m) => m.done === cmd || m.failed === cmd);
      child.stdin!.write(`${cmd}\n`);
      const msg = await answer;
      if (msg.failed) throw new Error(`fault command ${cmd} failed: ${String(msg.error)}`);
    },
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
