// `npm test`: type-check, lint, then every test tier (unit, integration, e2e) in one Jest run.
// Jest's global setup starts the real PostgreSQL and Kafka and stops them at the end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const run = (cmd, args) => {
  process.stderr.write(`\n> ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const bin = (name) => `node_modules/.bin/${name}`;
const extra = process.argv.slice(2);

run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
// The module-boundary rule reads Nx's cached project graph; a fresh clone has none, and the
// rule would silently skip itself. Computing the graph first makes the check real.
process.env.NX_DAEMON = 'false';
process.env.NX_NO_CLOUD = 'true';
run(bin('nx'), ['show', 'projects', '--json']);
run(bin('eslint'), ['.', '--max-warnings=0']);
// The services' OpenAPI documents: the committed ones are what the code says, and pass Redocly's
// recommended rules (redocly.yaml). No telemetry or update check leaves the machine.
run('node', ['scripts/openapi.mjs', '--check']);
process.env.REDOCLY_TELEMETRY = 'off';
process.env.REDOCLY_SUPPRESS_UPDATE_NOTICE = 'true';
run(bin('redocly'), ['lint', '--format=summary']);
const results = path.join(mkdtempSync(path.join(os.tmpdir(), 'tpm-test-')), 'jest.json');
const jest = spawnSync(bin('jest'), ['--ci', '--maxWorkers=2', '--json', `--outputFile=${results}`, ...extra], { stdio: 'inherit', env: process.env });
// One plain closing line with the counts, whatever reads this output.
try {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  process.stdout.write(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped\n`);
} catch {
  process.stdout.write('\ntests: no results were written by Jest\n');
}
process.exit(jest.status ?? 1);
