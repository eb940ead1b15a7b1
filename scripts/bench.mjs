// Runs one benchmark: `npm run bench -- <name>` → bench/<name>.bench.ts, TypeScript through swc.
// Benchmarks print figures and ratios against a peer; they never pass or fail on speed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const available = readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !existsSync(path.join(root, 'bench', `${name}.bench.ts`))) {
  process.stderr.write(`usage: npm run bench -- <name> [args]\navailable: ${available.join(', ')}\n`);
  process.exit(2);
}
const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join('bench', `${name}.bench.ts`), ...args], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
