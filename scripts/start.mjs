// `npm start`: provisions PostgreSQL and Kafka (scripts/infra.mjs: embedded unless DATABASE_URL /
// KAFKA_BROKERS are set), runs the five services and serves the dashboard. A service that dies is
// restarted (with a growing pause) while the others keep serving. Ctrl-C stops the services
// first, then the broker and the database, so nothing logs errors about a vanished dependency.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICES } from './infra.mjs';
import { createLogger } from './log.mjs';
import { startDashboard } from '../apps/dashboard/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORTS = { training: 3001, performance: 3002, coaching: 3003, rewards: 3004, reporting: 3005 };
const only = process.argv.slice(2).filter((a) => SERVICES.includes(a));
const services = only.length ? only : SERVICES;
const portOf = (s) => Number(process.env[`${s.toUpperCase()}_PORT`] ?? PORTS[s]);

const log = createLogger('start');
let stopping = false;

// The infrastructure runs in its own process group: a Ctrl-C in the terminal reaches this process
// only, which stops things in order. It watches its stdin, so it never outlives this process.
const infraProcess = spawn(process.execPath, [path.join(root, 'scripts', 'infra.mjs'), '--watch-stdin', '--supervise'], {
  cwd: root,
  detached: true,
  stdio: ['pipe', 'pipe', 'inherit'],
});
const infra = await new Promise((resolve, reject) => {
  let buf = '';
  infraProcess.stdout.on('data', (d) => {
    buf += d;
    const match = /\{"ready":true[^\n]*\}/.exec(buf);
    if (match) resolve(JSON.parse(match[0]));
  });
  infraProcess.once('exit', (code) => reject(new Error(`the infrastructure exited before it was ready (code ${code})`)));
}).catch((e) => {
  log.error({ err: e.message }, 'cannot start');
  process.exit(1);
});
infraProcess.once('exit', (code, signal) => {
  if (stopping) return;
  log.error({ code, signal }, 'the infrastructure stopped: stopping the services');
  stopAll(1);
});

const children = new Map();
const crashes = new Map();

function run(service) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, 'apps', service, 'src', 'main.ts')], {
    cwd: root,
    // Its own process group too: Ctrl-C does not hit it before the order below says so.
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'),
      DATABASE_URL: infra.databaseUrl,
      KAFKA_BROKERS: infra.kafkaBrokers,
      PORT: String(portOf(service)),
    },
  });
  children.set(service, child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    // Restart after 1, 2, 4 … 30 s; a service that stayed up a minute starts over at 1 s.
    const now = Date.now();
    const last = crashes.get(service) ?? { count: 0, at: 0 };
    const count = now - last.at > 60_000 ? 1 : last.count + 1;
    crashes.set(service, { count, at: now });
    const delay = Math.min(30_000, 1000 * 2 ** (count - 1));
    log.warn({ service, code, signal, restartInMs: delay }, 'service exited; restarting it, the others keep running');
    setTimeout(() => !stopping && run(service), delay).unref();
  });
}

const exited = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
  });

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  log.info('stopping the services');
  await Promise.all(
    [...children.values()].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited(child);
      clearTimeout(force);
    }),
  );
  log.info('stopping the broker and the database');
  if (infraProcess.exitCode === null && infraProcess.signalCode === null) {
    const force = setTimeout(() => infraProcess.kill('SIGKILL'), 30_000);
    infraProcess.kill('SIGTERM');
    await exited(infraProcess);
    clearTimeout(force);
  }
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
process.on('SIGHUP', () => stopAll(0));
// Last resort if this process ends any other way: take the children along.
process.on('exit', () => {
  for (const child of children.values()) if (child.exitCode === null) child.kill('SIGKILL');
});

for (const service of services) run(service);

// The dashboard (built with Vite when its sources changed) and its same-origin proxy to the services.
const dashboardPort = Number(process.env.DASHBOARD_PORT ?? 3000);
const servicePorts = Object.fromEntries(Object.keys(PORTS).map((s) => [s, portOf(s)]));
const dashboard = await startDashboard({ port: dashboardPort, ports: servicePorts });
process.on('exit', () => dashboard.close());
log.info({
  dashboard: `http://localhost:${dashboardPort}/`,
  services: Object.fromEntries(services.map((s) => [s, `http://localhost:${portOf(s)} (docs: /docs, health: /health)`])),
  databaseUrl: infra.databaseUrl.replace(/:[^:@/]+@/, ':***@'),
  kafkaBrokers: infra.kafkaBrokers,
}, 'services starting');
