// The fault tests' own PostgreSQL and KRaft broker, in a child process the test drives over
// stdin (one command a line), so stopping them never disturbs the suite's or the dev servers.
// Reuses scripts/infra.mjs (embedded PostgreSQL) and deploy/kafka/kafka-broker.mjs.
// Commands: pg-stop, pg-start, kafka-kill (SIGKILL), kafka-start. Answers {"done":"<cmd>"}.
import { rmSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startKafkaBroker } from '../../../../../deploy/kafka/kafka-broker.mjs';
import { startInfra } from '../../../../../scripts/infra.mjs';
import { createLogger } from '../../../../../scripts/log.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
// Below the kernel's ephemeral range (32768-60999 on Linux): started mid-suite, after thousands of
// connections, a port inside it may be held as some socket's local port (Kafka failed to bind 49092 once).
const pgPort = Number(process.env.FAULTS_PG_PORT ?? 31432);
const kafkaPort = Number(process.env.FAULTS_KAFKA_PORT ?? 31092);
const pgDir = path.join(root, '.data', 'faults-pg');
const kafkaDir = path.join(root, '.data', 'faults-kafka');
const log = createLogger('fault-infra');

// Fresh every run: a fault test asserts counts from an empty store.
rmSync(pgDir, { recursive: true, force: true });
rmSync(kafkaDir, { recursive: true, force: true });

let pg = null;
let kafka = null;
const startPg = async () => {
  pg = await startInfra({ dataDir: pgDir, pgPort, kafka: false, databases: [] });
};
const startKafka = async () => {
  kafka = await startKafkaBroker({ dataDir: kafkaDir, port: kafkaPort });
};
const waitExit = async (pid) => {
  for (;;) {
    try { process.kill(pid, 0); } catch { return; }
    await new Promise((r) => setTimeout(r, 100));
  }
};

const commands = {
  'pg-stop': async () => { await pg?.stop(); pg = null; },
  'pg-start': startPg,
  'kafka-kill': async () => { const k = kafka; kafka = null; if (k) { k.killNow(); await waitExit(k.pid); } },
  'kafka-start': startKafka,
};

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await kafka?.stop().catch(() => undefined);
  await pg?.stop().catch(() => undefined);
  rmSync(pgDir, { recursive: true, force: true });
  rmSync(kafkaDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

// Whatever ends this process takes the broker along (it would hold its port for the next run).
process.on('exit', () => kafka?.killNow());
const started = await Promise.allSettled([startPg(), startKafka()]);
const failed = started.find((r) => r.status === 'rejected');
if (failed) {
  // Say why (the test sees only the exit code), and leave nothing running behind.
  log.error({ err: String(failed.reason) }, 'fault infrastructure did not start');
  await kafka?.stop().catch(() => undefined);
  await pg?.stop().catch(() => undefined);
  process.exit(1);
}
process.stdout.write(JSON.stringify({ ready: true, databaseUrl: pg.databaseUrl, kafkaBrokers: kafka.brokers }) + '\n');

const rl = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
rl.on('line', (line) => {
  const cmd = line.trim();
  queue = queue.then(async () => {
    try {
      if (!commands[cmd]) throw new Error(`unknown command ${cmd}`);
      const t = Date.now();
      await commands[cmd]();
      log.info({ cmd, ms: Date.now() - t }, 'fault infrastructure command done');
      process.stdout.write(JSON.stringify({ done: cmd }) + '\n');
    } catch (e) {
      process.stdout.write(JSON.stringify({ failed: cmd, error: String(e) }) + '\n');
    }
  });
});
// The test process died or finished: never outlive it.
rl.on('close', () => queue.then(shutdown));
