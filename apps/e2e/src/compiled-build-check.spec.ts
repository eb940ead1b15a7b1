import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** scripts/build-service.mjs's check of a build output, run as the build runs it (an ES module). */
const checkOutput = (dir: string): string[] =>
  JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(path.join(root, 'scripts', 'build-service.mjs'))}); console.log(JSON.stringify(m.checkOutput(${JSON.stringify(dir)})));`], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'silent' },
    }),
  );

describe('the build output check (nx build fails on what the image could not load)', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tpm-build-check-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts emitted relative files, node built-ins and runtime dependencies (with subpaths)', () => {
    writeFileSync(path.join(dir, 'b.js'), '');
    writeFileSync(
      path.join(dir, 'a.js'),
      ['require("./b")', 'require("node:fs")', 'require("path")', 'require("kafkajs")', 'require("@nestjs/common/decorators")'].join(';\n'),
    );
    expect(checkOutput(dir)).toEqual([]);
  });

  it('names a file not emitted, an alias left unresolved and a devDependency', () => {
    writeFileSync(path.join(dir, 'a.js'), ['require("./testing/fixture")', 'require("@tpm/kernel")', 'require("@swc-node/register")', 'require("kafkajs")'].join(';\n'));
    const problems = checkOutput(dir);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/a\.js: requires \.\/testing\/fixture, which is not in the output/);
    expect(problems[1]).toMatch(/requires @tpm\/kernel, a path alias left unresolved/);
    expect(problems[2]).toMatch(/requires @swc-node\/register, which is not in package.json "dependencies"/);
  });
});
