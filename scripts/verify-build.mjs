// `node scripts/verify-build.mjs [service…]` does what deploy/docker/Dockerfile does, without
// Docker: builds each service with Nx (once past the cache, once through it), installs the
// production dependencies alone into a temporary directory (`npm ci --omit=dev --ignore-scripts`
// from package.json and the lockfile), copies the compiled output there and boots it as the image
// would (NODE_ENV=production, `node dist/apps/<service>/main.js`) against DATABASE_URL and
// KAFKA_BROKERS, on a database and Kafka topics of its own. It waits for GET /health 200, checks
// that a route without a token is refused with 401 and that the projections CLI lists the
// service's projections from dist, stops the service and prints the figures.
// Options: --keep leaves the temporary directory for a look.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createLogger } from './log.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = createLogger('verify-build');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const services = args.filter((a) => !a.startsWith('--'));
if (!services.length) services.push('performance', 'reporting');
const { DATABASE_URL, KAFKA_BROKERS } = process.env;
if (!DATABASE_URL || !KAFKA_BROKERS) {
  log.error('set DATABASE_URL (a PostgreSQL server it may create a database on) and KAFKA_BROKERS');
  process.exit(2);
}

// A route that needs a token, per service: the auth guard runs from the compiled output too.
const GUARDED_ROUTE = { reporting: '/audit/events' };
// Where a service's projection registry compiles to, when not libs/<service>/infrastructure.
const REGISTRY = { reporting: 'libs/reporting/projections/src/reporting-projections.registry.js' };

const seconds = (ms) => Math.round(ms / 100) / 10;
const timed = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const run = (cmd, argv, options = {}) => {
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`);
  return r.stdout + r.stderr;
};
const nxBuild = (service, ...extra) => run(process.execPath, [createRequire(import.meta.url).resolve('nx/bin/nx.js'), 'build', service, ...extra], { env: { ...process.env, NX_DAEMON: 'false' } });

/** Bytes and files under a directory, as `du --apparent-size` counts them. */
const sizeOf = (dir) => {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const st = lstatSync(path.join(e.parentPath ?? e.path, e.name));
    if (st.isFile()) {
      bytes += st.size;
      files++;
    }
  }
  return { mb: Math.round(bytes / 1e5) / 10, files };
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

const withAdmin = async (fn) => {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

/** Boots the compiled service from `dir`, with an environment of its own only (no repo, no swc). */
async function boot(dir, service) {
  const database = `tpm_verify_build_${service}_${randomBytes(3).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE ${database}`));
  const serviceDb = new URL(DATABASE_URL);
  serviceDb.pathname = `/${database}`;
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: os.tmpdir(),
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL,
    [`${service.toUpperCase()}_DATABASE_URL`]: serviceDb.toString(),
    KAFKA_BROKERS,
    KAFKA_TOPIC_PREFIX: `verify-build-${randomBytes(3).toString('hex')}.`,
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
    // What production insists on. The JWKS endpoint is only fetched to check a token, and this
    // run sends none; the keys are throw-away.
    AUTH_JWKS_URL: 'https://127.0.0.1:9/.well-known/jwks.json',
    AUTH_ISSUER: 'verify-build',
    AUTH_AUDIENCE: 'tpm',
    EVENT_STORE_HMAC_KEY: randomBytes(32).toString('hex'),
    PERSONAL_DATA_MASTER_KEY: randomBytes(32).toString('base64'),
  };
  const started = performance.now();
  const child = spawn(process.execPath, ['--enable-source-maps', `dist/apps/${service}/main.js`], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = [];
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let exit = null;
  void exited.then((e) => (exit = e));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!exit) {
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(force);
    }
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  };
  try {
    for (;;) {
      if (exit) throw new Error(`${service} exited while starting (${JSON.stringify(exit)}):\n${logs.join('').slice(-3000)}`);
      if (performance.now() - started > 90_000) throw new Error(`${service} not healthy after 90 s:\n${logs.join('').slice(-3000)}`);
      const status = await fetch(`${url}/health`).then((r) => r.status, () => 0);
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const bootMs = performance.now() - started;
    // A CLI that loads modules by path (the projections rebuild tool and the service's registry).
    const registry = `dist/apps/${service}/${REGISTRY[service] ?? `libs/${service}/infrastructure/src/${service}-projections.registry.js`}`;
    const cli = run(process.execPath, [`dist/apps/${service}/libs/platform/projections/src/cli/projections.cli.js`, '--registries', registry, 'list'], { cwd: dir, env });
    const projections = cli.split('\n').filter((l) => l.startsWith('{"projection"')).length;
    if (!projections) throw new Error(`${service}: projections list from dist named no projection:\n${cli}`);
    const guarded = GUARDED_ROUTE[service] ?? '/history/verify';
    const unauthenticated = await fetch(`${url}${guarded}`).then((r) => r.status);
    if (unauthenticated !== 401) throw new Error(`${service}: GET ${guarded} without a token answered ${unauthenticated}, not 401`);
    const stopStarted = performance.now();
    await stop();
    return { bootMs, stopMs: performance.now() - stopStarted, projections };
  } catch (e) {
    await stop();
    throw e;
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'tpm-verify-build-'));
let failed = false;
try {
  const figures = {};
  for (const service of services) {
    // --skip-nx-cache compiles and does not store: the next build stores, the one after must hit.
    const buildMs = timed(() => nxBuild(service, '--skip-nx-cache'));
    nxBuild(service);
    let cachedOutput = '';
    const cachedMs = timed(() => (cachedOutput = nxBuild(service)));
    if (!/local cache|existing outputs match the cache/.test(cachedOutput)) throw new Error(`the second nx build ${service} was not a cache hit:\n${cachedOutput}`);
    figures[service] = { buildS: seconds(buildMs), cachedBuildS: seconds(cachedMs), output: sizeOf(path.join(root, 'dist', 'apps', service)) };
    log.info({ app: service, ...figures[service] }, 'built; the second build came from the Nx cache');
  }
  cpSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  cpSync(path.join(root, 'package-lock.json'), path.join(dir, 'package-lock.json'));
  const installMs = timed(() => run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir }));
  const install = { installS: seconds(installMs), ...sizeOf(path.join(dir, 'node_modules')) };
  log.info({ dir, ...install }, 'production dependencies installed');
  for (const service of services) {
    cpSync(path.join(root, 'dist', 'apps', service), path.join(dir, 'dist', 'apps', service), { recursive: true });
    const { bootMs, stopMs, projections } = await boot(dir, service);
    Object.assign(figures[service], { bootS: seconds(bootMs), stopS: seconds(stopMs), cliProjections: projections });
    log.info({ app: service, bootS: seconds(bootMs), stopS: seconds(stopMs), projections }, 'the compiled service booted from production dependencies only: /health 200, no token 401, projections CLI lists');
  }
  process.stdout.write(`${JSON.stringify({ productionDependencies: install, services: figures }, null, 2)}\n`);
} catch (e) {
  failed = true;
  log.error(e.message);
} finally {
  if (keep) log.info({ dir }, 'kept the temporary directory');
  else rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
