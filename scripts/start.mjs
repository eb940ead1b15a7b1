// `npm start`: provisions PostgreSQL and Kafka (scripts/infra.mjs: embedded unless DATABASE_URL /
// KAFKA_BROKERS are set), then runs the five services. Ctrl-C stops everything it started.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICES, startInfra } from './infra.mjs';
import { createLogger } from './log.mjs';
import { startDashboard } from '../apps/dashboard/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORTS = { training: 3001, performance: 3002, coaching: 3003, rewards: 3004, reporting: 3005 };
const only = process.argv.slice(2).filter((a) => SERVICES.includes(a));
const services = only.length ? only : SERVICES;

const log = createLogger('start');

const infra = await startInfra();
const children = new Map();
let stopping = false;

const stopAll = async (code = 0) => {
  if (stopping) return;
  stopping = true;
  log.info('stopping services');
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  await infra.stop();
  process.exit(code);
};
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

for (const service of services) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(root, 'apps', service, 'src', 'main.ts')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'),
      DATABASE_URL: infra.databaseUrl,
      KAFKA_BROKERS: infra.kafkaBrokers,
      PORT: String(process.env[`${service.toUpperCase()}_PORT`] ?? PORTS[service]),
    },
  });
  children.set(service, child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    log.info({ service, code, signal }, 'service exited');
    stopAll(1);
  });
}
// The dashboard (built with Vite when its sources changed) and its same-origin proxy to the services.
const dashboardPort = Number(process.env.DASHBOARD_PORT ?? 3000);
const servicePorts = Object.fromEntries(Object.keys(PORTS).map((s) => [s, Number(process.env[`${s.toUpperCase()}_PORT`] ?? PORTS[s])]));
const dashboard = await startDashboard({ port: dashboardPort, ports: servicePorts });
process.on('exit', () => dashboard.close());
log.info({
  dashboard: `http://localhost:${dashboardPort}/`,
  services: Object.fromEntries(services.map((s) => [s, `http://localhost:${PORTS[s]} (docs: /docs, health: /health)`])),
  databaseUrl: infra.databaseUrl.replace(/:[^:@/]+@/, ':***@'),
  kafkaBrokers: infra.kafkaBrokers,
}, 'services starting');
