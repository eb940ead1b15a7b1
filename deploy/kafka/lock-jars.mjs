// Regenerates jars.lock.json from pom.xml: the broker's runtime jars with their sha256, so a
// machine without Maven can fetch exactly these from Maven Central. Run after changing pom.xml:
//   node deploy/kafka/lock-jars.mjs
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const listFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'kafka-deps-')), 'deps.txt');
const run = (args) => {
  const r = spawnSync('mvn', ['-q', '-B', '-f', path.join(here, 'pom.xml'), ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['package']);
run(['dependency:list', '-DincludeScope=runtime', `-DoutputFile=${listFile}`]);
const jars = [];
for (const line of readFileSync(listFile, 'utf8').split('\n')) {
  const m = /^\s+([^:\s]+):([^:\s]+):jar:([^:\s]+):(compile|runtime)/.exec(line);
  if (!m) continue;
  const [, group, artifact, version] = m;
  const bytes = readFileSync(path.join(here, 'target', 'lib', `${artifact}-${version}.jar`));
  jars.push({ group, artifact, version, sha256: createHash('sha256').update(bytes).digest('hex') });
}
writeFileSync(
  path.join(here, 'jars.lock.json'),
  JSON.stringify(
    {
      comment:
        'Runtime jars of org.apache.kafka:kafka_2.13 (pom.xml), pinned by sha256. Used to fetch the broker from Maven Central without Maven; regenerate with deploy/kafka/lock-jars.mjs after changing pom.xml.',
      jars,
    },
    null,
    1,
  ) + '\n',
);
console.log(`locked ${jars.length} jars`);
