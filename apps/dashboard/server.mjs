// The dashboard at http://localhost:3000/: the built app (apps/dashboard/dist, built with Vite
// when missing or older than its sources), a same-origin proxy `/api/<service>/...` to the five
// services (so CORS stays off), and in development `POST /dev/token`, which mints a development
// token by role and unit as `npm run token` does. Refused when NODE_ENV or AUTH_MODE is production.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const dist = path.join(here, 'dist');
const require = createRequire(import.meta.url);

export const SERVICE_PORTS = { training: 3001, performance: 3002, coaching: 3003, rewards: 3004, reporting: 3005 };
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json' };
const ROLES = ['employee', 'manager', 'hr', 'trainer', 'coach', 'executive', 'analyst', 'auditor', 'admin'];
const UNIT = /^(\*|[A-Za-z0-9][A-Za-z0-9._:-]{0,127})$/;

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs), 0);

/** Builds the app with Vite when dist is missing or older than src/index.html. */
export async function buildDashboard({ force = false } = {}) {
  const built = existsSync(path.join(dist, 'index.html')) ? statSync(path.join(dist, 'index.html')).mtimeMs : 0;
  const sources = Math.max(newest(path.join(here, 'src')), statSync(path.join(here, 'index.html')).mtimeMs);
  if (!force && built >= sources) return false;
  const { build } = await import('vite');
  await build({ configFile: path.join(here, 'vite.config.mjs') });
  return true;
}

const production = () => process.env.NODE_ENV === 'production' || process.env.AUTH_MODE === 'production';

async function devToken(req, res) {
  if (production()) return send(res, 404, { code: 'NOT_FOUND', message: 'Development sign-in is off in production' });
  let raw = '';
  for await (const chunk of req) {
    raw += chunk;
    if (raw.length > 4096) return send(res, 413, { code: 'TOO_LARGE', message: 'Body too large' });
  }
  let body;
  try {
    body = JSON.parse(raw || '{}');
  } catch {
    return send(res, 400, { code: 'INVALID_JSON', message: 'Body is not JSON' });
  }
  const roles = [].concat(body.role ?? []).filter((r) => ROLES.includes(r));
  const bu = [].concat(body.bu ?? []);
  if (!roles.length) return send(res, 400, { code: 'VALIDATION_FAILED', message: `role must be one of ${ROLES.join(', ')}` });
  if (!bu.every((u) => typeof u === 'string' && UNIT.test(u))) return send(res, 400, { code: 'VALIDATION_FAILED', message: 'bu must be unit ids or *' });
  require('@swc-node/register');
  const { signDevToken } = require(path.join(root, 'libs/platform/auth/src/token/dev-token.ts'));
  const sub = typeof body.sub === 'string' && body.sub.length < 200 ? body.sub : 'user:dashboard';
  const token = await signDevToken({ sub, roles, bu, ...(typeof body.emp === 'string' && body.emp ? { emp: body.emp } : {}) }, { expiresIn: '8h' });
  send(res, 200, { token });
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function proxy(req, res, service, rest, ports) {
  const upstream = http.request(
    { host: '127.0.0.1', port: ports[service], method: req.method, path: rest || '/', headers: { ...req.headers, host: `127.0.0.1:${ports[service]}` } },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) send(res, 502, { code: 'SERVICE_UNREACHABLE', message: `${service} is not answering` });
    else res.destroy();
  });
  req.pipe(upstream);
}

function serveStatic(req, res) {
  const url = new URL(req.url, 'http://x');
  let file = path.normalize(path.join(dist, decodeURIComponent(url.pathname)));
  if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(dist, 'index.html');
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600' });
  createReadStream(file).pipe(res);
}

/** Starts the dashboard server; resolves with the http.Server once it listens. */
export async function startDashboard({ port = Number(process.env.DASHBOARD_PORT ?? 3000), host = '0.0.0.0', ports = SERVICE_PORTS, build = true } = {}) {
  if (build) await buildDashboard();
  const server = http.createServer((req, res) => {
    const m = /^\/api\/(training|performance|coaching|rewards|reporting)(\/.*)?$/.exec(req.url ?? '');
    if (m) return proxy(req, res, m[1], m[2], ports);
    if (req.url === '/dev/token' && req.method === 'POST') return void devToken(req, res).catch(() => send(res, 500, { code: 'ERROR', message: 'could not sign' }));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'GET only' });
    serveStatic(req, res);
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  return server;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `<SERVICE>_PORT` moves a service (as in scripts/start.mjs); `<SERVICE>_URL` is not needed: all run on this host.
  const ports = Object.fromEntries(Object.entries(SERVICE_PORTS).map(([s, p]) => [s, Number(process.env[`${s.toUpperCase()}_PORT`] ?? p)]));
  const server = await startDashboard({ ports });
  process.stdout.write(`dashboard at http://localhost:${server.address().port}/\n`);
}
