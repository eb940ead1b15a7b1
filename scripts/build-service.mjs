// `nx build <service>` runs this: compiles the service and the libs it depends on (per the Nx
// project graph) with the swc CLI into dist/apps/<service>/, so `node dist/apps/<service>/main.js`
// runs without @swc-node/register or tsconfig paths. Then it checks the output: every relative
// require resolves to an emitted file, and every package required is a runtime dependency of
// package.json, so an image installed with `npm ci --omit=dev` cannot miss one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from './log.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const log = createLogger('build');

// Test-only code never reaches the output: specs, their helpers and fixtures, `testing/` folders.
const IGNORE = ['**/*.spec.ts', '**/*.spec-helper.ts', '**/*.fixture.ts', '**/testing/**'];

/** The roots of the libs a project needs at run time: its transitive deps, less `type:testing` libs. */
export async function libRootsOf(project) {
  const { readCachedProjectGraph, createProjectGraphAsync } = require('nx/src/devkit-exports');
  let graph;
  try {
    // Nx computed the graph before it ran this target; outside Nx it may be stale or absent.
    graph = process.env.NX_TASK_TARGET_PROJECT ? readCachedProjectGraph() : await createProjectGraphAsync({ exitOnError: true });
  } catch {
    graph = await createProjectGraphAsync({ exitOnError: true });
  }
  const seen = new Set();
  const stack = [project];
  while (stack.length) {
    for (const dep of graph.dependencies[stack.pop()] ?? []) {
      const node = graph.nodes[dep.target];
      // npm packages are `npm:` nodes, not projects; test libs are reached only through specs.
      if (!node || seen.has(dep.target) || node.data.tags?.includes('type:testing')) continue;
      seen.add(dep.target);
      stack.push(dep.target);
    }
  }
  return [...seen].map((name) => graph.nodes[name].data.root).sort();
}

/** The swc config of a build: swc.build.json plus tsconfig.base.json's `@tpm/*` paths, resolved from the root. */
function swcConfig() {
  const base = JSON.parse(readFileSync(path.join(root, 'swc.build.json'), 'utf8'));
  const { paths } = JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions;
  return { ...base, jsc: { ...base.jsc, baseUrl: root, paths } };
}

const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });

const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const isFile = (p) => existsSync(p) && statSync(p).isFile();
const resolvesIn = (from, spec) => {
  const target = path.resolve(path.dirname(from), spec);
  return [target, `${target}.js`, `${target}.json`, path.join(target, 'index.js')].some(isFile);
};

/** Every require() of the output that would fail, or load a package that is not a runtime dependency. */
export function checkOutput(outDir) {
  const { dependencies = {} } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const builtins = new Set(builtinModules);
  const problems = [];
  for (const file of walk(outDir).filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
      const where = path.relative(root, file);
      if (spec.startsWith('.')) {
        if (!resolvesIn(file, spec)) problems.push(`${where}: requires ${spec}, which is not in the output`);
      } else if (spec.startsWith('node:') || builtins.has(spec)) {
        continue;
      } else if (spec.startsWith('@tpm/')) {
        problems.push(`${where}: requires ${spec}, a path alias left unresolved`);
      } else if (!(packageName(spec) in dependencies)) {
        problems.push(`${where}: requires ${spec}, which is not in package.json "dependencies"`);
      }
    }
  }
  return problems;
}

export async function buildService(service) {
  if (!service || !existsSync(path.join(root, 'apps', service, 'src', 'main.ts'))) throw new Error(`no service "${service}": expected apps/${service}/src/main.ts`);
  const started = Date.now();
  const outDir = path.join(root, 'dist', 'apps', service);
  const sources = [`apps/${service}/src`, ...(await libRootsOf(service))];
  rmSync(outDir, { recursive: true, force: true });
  // The generated config sits outside the output, beside nothing Nx caches.
  const configFile = path.join(root, 'tmp', 'swc-build', `${service}.swcrc.json`);
  mkdirSync(path.dirname(configFile), { recursive: true });
  writeFileSync(configFile, JSON.stringify(swcConfig(), null, 2));
  const swc = spawnSync(
    process.execPath,
    [require.resolve('@swc/cli/bin/swc.js'), ...sources, '--out-dir', outDir, '--config-file', configFile, '--no-swcrc', '--ignore', IGNORE.join(','), '--quiet'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  // Its stdout is a banner about the swcx beta and a summary line; kept for a failure only.
  if (swc.status !== 0) throw new Error(`swc failed for ${service} (exit ${swc.status}):\n${swc.stdout}`);
  // One entry point at a stable place: the compiled tree mirrors the sources (apps/…, libs/…).
  writeFileSync(path.join(outDir, 'main.js'), `'use strict';\n// Entry point of the compiled ${service} service (scripts/build-service.mjs).\nrequire('./apps/${service}/src/main.js');\n`);
  const problems = checkOutput(outDir);
  if (problems.length) throw new Error(`the ${service} output would not run:\n  ${problems.join('\n  ')}`);
  const files = walk(outDir).filter((f) => f.endsWith('.js')).length;
  log.info({ app: service, files, libs: sources.length - 1, outDir: path.relative(root, outDir), ms: Date.now() - started }, 'built');
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const service = process.argv[2];
  buildService(service).catch((e) => {
    log.error({ app: service }, e.message);
    process.exit(1);
  });
}
