// `npm run openapi`: writes each service's OpenAPI document to docs/openapi/<service>.json, from
// its AppModule in Nest's preview mode (no provider runs: no database or broker is needed).
// `--check` writes nothing and fails when a committed document differs from what the code says.
import '@swc-node/register';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const SERVICES = ['training', 'performance', 'coaching', 'rewards', 'reporting'];
const check = process.argv.includes('--check');

// The app modules read their configuration while they are declared; no server is contacted.
process.env.DATABASE_URL ??= 'postgres://unused@127.0.0.1:1/unused';
process.env.KAFKA_BROKERS ??= '127.0.0.1:1';
process.env.LOG_LEVEL ??= 'error';

/** The title and description main.ts boots the service with: one source for /docs and the file. */
const apiOf = (name) => {
  const main = readFileSync(path.join(root, 'apps', name, 'src', 'main.ts'), 'utf8');
  const field = (key) => {
    const m = main.match(new RegExp(`${key}:\\s*'((?:[^'\\\\]|\\\\.)*)'`));
    if (!m) throw new Error(`apps/${name}/src/main.ts: no ${key}: '…' passed to bootstrapService`);
    return m[1].replace(/\\(.)/g, '$1');
  };
  return { title: field('title'), description: field('description') };
};

require('reflect-metadata');
const { documentOfModule } = require(path.join(root, 'libs/platform/service-kit/src/openapi/openapi-document.ts'));
const stale = [];
mkdirSync(path.join(root, 'docs', 'openapi'), { recursive: true });
for (const name of SERVICES) {
  const { AppModule } = require(path.join(root, 'apps', name, 'src', 'app.module.ts'));
  const text = `${JSON.stringify(await documentOfModule(AppModule, apiOf(name)), null, 2)}\n`;
  const file = path.join(root, 'docs', 'openapi', `${name}.json`);
  let current = null;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // not written yet
  }
  if (check) {
    if (current !== text) stale.push(path.relative(root, file));
  } else {
    writeFileSync(file, text);
    process.stderr.write(`${path.relative(root, file)}: ${Object.keys(JSON.parse(text).paths).length} paths\n`);
  }
}
if (stale.length) {
  process.stderr.write(`OpenAPI documents out of date (run npm run openapi and commit): ${stale.join(', ')}\n`);
  process.exit(1);
}
process.exit(0);
