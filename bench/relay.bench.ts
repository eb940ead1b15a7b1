// Relay throughput: store → Kafka through the OutboxRelay (read in commit-safe order, map to the
// published language, one batch to <context>.log and <context>.events, checkpoint after the ack)
// against a bare kafkajs producer sending the same messages with the same settings (idempotent,
// acks=all, one request in flight, the same batch size) to the same broker. Figures, not assertions.
//   npm run bench -- relay          BENCH_EVENTS (default 50000), BENCH_BATCH (the relay's, 500),
//                                   BENCH_ROUNDS (default 3: bare and relay side by side, median ratio)
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { PostgresEventStore } from '../libs/platform/event-store/src/postgres/postgres-event-store';
import type { AppendOptions } from '../libs/platform/event-store/src/event-store';
import { configureLogging, silentLogger } from '../libs/platform/logging/src';
import { OutboxRelay } from '../libs/platform/messaging/src/outbox-relay';
import { toIntegrationEnvelope, toKafkaMessage, toLogEnvelope } from '../libs/platform/messaging/src/envelope.mapping';
import { trainingPublished } from '../libs/training/infrastructure/src/training.published';
import { benchInfra, measured, report, round } from './bench-infra';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const log = configureLogging({ service: 'bench' }).child({ component: 'relay' });
const metadata: AppendOptions['metadata'] = { actor: { subject: 'bench', roles: ['trainer'] }, businessUnitId: 'BU-7', correlationId: randomUUID() };

// One session in four completes: a quarter of the log is also published on training.events.
const eventOf = (i: number) =>
  i % 4 === 3
    ? {
        type: 'TrainingCompleted',
        data: {
          employeeId: `emp-${i}`, programId: 'P-NEG', programVersion: 1, sessionId: `S-${i >> 6}`, businessUnitId: 'BU-7',
          competencies: ['negotiation'], examScore: 81, attendanceShare: 1, completedAt: '2027-03-01T10:00:00.000Z',
        },
      }
    : { type: 'EmployeeEnrolled', data: { sessionId: `S-${i >> 6}`, employeeId: `emp-${i}`, businessUnitId: 'BU-7', via: 'direct', at: '2027-02-01T10:00:00.000Z' } };

async function main() {
  const infra = await benchInfra({ kafka: true });
  const url = await infra.database('bench_relay');
  const store = new PostgresEventStore({ connectionString: url, poolSize: 8 });
  const pool = new Pool({ connectionString: url, max: 4 });
  // Dropping the database at the end ends idle connections: not an error here.
  pool.on('error', () => undefined);
  const kafka = new Kafka({ clientId: 'bench-relay', brokers: infra.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const run = randomUUID().slice(0, 8);
  const topicsOf = (r: number) => ({
    relayEvents: `bench-${run}-${r}.training.events`, relayLog: `bench-${run}-${r}.training.log`, bareEvents: `bench-${run}-${r}.bare.events`, bareLog: `bench-${run}-${r}.bare.log`,
  });
  try {
    await store.ensureSchema();
    log.info({ events: EVENTS, batch: BATCH }, 'writing the events to relay');
    for (let i = 0; i < EVENTS; i += 500) {
      const events = Array.from({ length: Math.min(500, EVENTS - i) }, (_, k) => ({ eventId: randomUUID(), ...eventOf(i + k) }));
      await store.append(`training-session-bench-${i / 500}`, events, { expectedVersion: 'no-stream', metadata });
    }

    // The bare producer's messages are built before the clock starts: it measures sending alone.
    // Only the messages are kept, not the 50,000 read events: a heap full of objects neither side
    // needs would make every garbage collection of both runs dearer.
    const batches: { topic: string; messages: ReturnType<typeof toKafkaMessage>[] }[][] = [];
    let total = 0;
    for (let after = 'start', done = false; !done; ) {
      const page = await store.readAll({ after, limit: BATCH });
      done = page.events.length === 0;
      after = page.next;
      if (done) break;
      total += page.events.length;
      const integration = page.events.flatMap((e) => {
        const c = trainingPublished(e);
        return c ? [toKafkaMessage(toIntegrationEnvelope('training', e, c))] : [];
      });
      batches.push([
        { topic: 'log', messages: page.events.map((e) => toKafkaMessage(toLogEnvelope('training', e))) },
        ...(integration.length ? [{ topic: 'events', messages: integration }] : []),
      ]);
    }
    // Rounds alternate which side goes first, each on topics of its own (and so a fresh relay
    // checkpoint): on a shared machine the load drifts, and the median of the ratios of runs taken
    // side by side is the figure that means something.
    const rate = (s: number) => Math.round(total / s);
    // This process's CPU per 1000 stored events: on a loaded machine the side that needs more CPU
    // loses however well it overlaps its waits.
    const cpuMs = async <T extends { seconds: number }>(work: () => Promise<T>) => {
      const before = process.cpuUsage();
      const result = await work();
      const used = process.cpuUsage(before);
      return { ...result, cpuMsPer1000: round((used.user + used.system) / 1000 / (total / 1000), 1) };
    };
    const rows: {
      workload: string; ours: number; 'bare-producer': number; ratio: number; oursCpuMsPer1000: number; bareCpuMsPer1000: number; oursRssMb: number; bareRssMb: number;
    }[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const roundTopics = topicsOf(r);
      await admin.createTopics({ waitForLeaders: true, topics: Object.values(roundTopics).map((topic) => ({ topic, numPartitions: 3 })) });
      const runBare = async () => {
        const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
        await producer.connect();
        const sent = await measured('bare producer', async (progress) => {
          for (let b = 0; b < batches.length; b++) {
            await producer.sendBatch({ acks: -1, topicMessages: batches[b].map((t) => ({ ...t, topic: t.topic === 'log' ? roundTopics.bareLog : roundTopics.bareEvents })) });
            progress((b + 1) * BATCH, total);
          }
        });
        await producer.disconnect();
        return sent;
      };
      const runRelay = async () => {
        const relay = new OutboxRelay({
          context: 'training', store, pool, kafka, published: trainingPublished,
          topic: roundTopics.relayEvents, logTopic: roundTopics.relayLog, batchSize: BATCH, idleDelayMs: 5, sealEveryMs: 3_600_000, logger: silentLogger,
        });
        const relayed = await measured('relay', async (progress) => {
          await relay.start();
          while (relay.status().published < total) {
            await new Promise((res) => setTimeout(res, 5));
            progress(relay.status().published, total);
          }
        });
        await relay.stop();
        return relayed;
      };
      const relayFirst = r % 2 === 0;
      const first = await cpuMs(relayFirst ? runRelay : runBare);
      const second = await cpuMs(relayFirst ? runBare : runRelay);
      const [bare, ours] = relayFirst ? [second, first] : [first, second];
      rows.push({
        workload: `publish-${total}, round ${r}${relayFirst ? ' (relay first)' : ''}`,
        ours: rate(ours.seconds), 'bare-producer': rate(bare.seconds), ratio: round(bare.seconds / ours.seconds),
        oursCpuMsPer1000: ours.cpuMsPer1000, bareCpuMsPer1000: bare.cpuMsPer1000, oursRssMb: ours.peakRssMb, bareRssMb: bare.peakRssMb,
      });
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)];
    const ratio = median(rows.map((row) => row.ratio));
    rows.push({
      workload: `publish-${total}, median of ${ROUNDS}`,
      ours: median(rows.map((row) => row.ours)), 'bare-producer': median(rows.map((row) => row['bare-producer'])), ratio,
      oursCpuMsPer1000: median(rows.map((row) => row.oursCpuMsPer1000)), bareCpuMsPer1000: median(rows.map((row) => row.bareCpuMsPer1000)),
      oursRssMb: Math.max(...rows.map((row) => row.oursRssMb)), bareRssMb: Math.max(...rows.map((row) => row.bareRssMb)),
    });
    report('relay', rows, [
      `relay / bare producer, median of ${ROUNDS} rounds: ${ratio} (target ≥ 0.7) ${ratio >= 0.7 ? 'MET' : 'NOT MET'}`,
      `events/s of stored events; each batch carries the log message and, for one event in four, the published one`,
    ]);
  } finally {
    const all = Array.from({ length: ROUNDS }, (_, i) => Object.values(topicsOf(i + 1))).flat();
    await admin.deleteTopics({ topics: all }).catch(() => undefined);
    await admin.disconnect();
    await pool.end();
    await store.close();
    await infra.close();
  }
}

main().catch((e) => {
  log.error({ err: String(e?.stack ?? e) }, 'benchmark failed');
  process.exit(1);
});
