// Starts the real PostgreSQL and Kafka once for the whole Jest run (scripts/infra.mjs in a
// child process), unless DATABASE_URL and KAFKA_BROKERS already point at running servers or
// only unit tests were selected. The child watches its stdin: if Jest dies, it stops too.
const { spawn } = require('node:child_process');
const path = require('node:path');

// The fault tests start their own servers: selected alone, they need none of these.
const TIERS = ['unit', 'integration', 'e2e', 'faults'];
const onlyUnit = () => {
  const i = process.argv.indexOf('--selectProjects');
  if (i < 0) return false;
  const selected = process.argv.slice(i + 1).filter((a) => TIERS.includes(a));
  return selected.length > 0 && selected.every((p) => p === 'unit' || p === 'faults');
};

/** TEST_INFRA=containers: Docker servers instead of the embedded ones; false (after one line) when no engine answers. */
async function startContainersOrSayWhyNot() {
  const { containerRuntimeUnavailable, startTestContainers } = require('./test-containers');
  const why = await containerRuntimeUnavailable();
  if (why) {
    const fallback = process.env.DATABASE_URL && process.env.KAFKA_BROKERS ? 'the servers at DATABASE_URL and KAFKA_BROKERS' : 'the embedded PostgreSQL and Kafka';
    console.warn(`TEST_INFRA=containers: no Docker engine reachable (${why}); using ${fallback} instead`);
    return false;
  }
  const { env, stop } = await startTestContainers();
  Object.assign(process.env, env);
  globalThis.__TPM_CONTAINERS__ = stop;
  return true;
}

module.exports = async () => {
  if (process.env.TPM_INFRA === 'off' || onlyUnit()) return;
  if (process.env.TEST_INFRA === 'containers' && (await startContainersOrSayWhyNot())) return;
  if (process.env.DATABASE_URL && process.env.KAFKA_BROKERS) return;
  const root = path.resolve(__dirname, '../../../../..');
  const child = spawn(process.execPath, [path.join(root, 'scripts/infra.mjs'), '--ephemeral', '--watch-stdin'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, EMBEDDED_PG_PORT: process.env.TEST_PG_PORT ?? '55432', EMBEDDED_KAFKA_PORT: process.env.TEST_KAFKA_PORT ?? '29092' },
  });
  const ready = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error('test infrastructure did not become ready in 5 minutes (see its logs above)'));
    }, 300_000);
    child.stdout.on('data', (d) => {
      buf += d;
      // Anything a tool printed before the ready line must not hide it.
      const match = /\{"ready":true[^\n]*\}/.exec(buf);
      if (match) {
        clearTimeout(timer);
        resolve(JSON.parse(match[0]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`test infrastructure exited early (code ${code})`));
    });
  });
  process.env.DATABASE_URL = ready.databaseUrl;
  process.env.KAFKA_BROKERS = ready.kafkaBrokers;
  globalThis.__TPM_INFRA__ = child;
};
