// Event-store throughput, ours against Emmett's PostgreSQL store, side by side on ONE PostgreSQL
// server (DATABASE_URL, else an embedded one started here without Kafka), each in its own database.
// Prints progress on stderr, a table on stdout, and the results as the last stdout line (JSON).
// Figures, never assertions: run it on a quiet machine and compare ratios, not absolutes.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Client, Pool } from 'pg';
import { getPostgreSQLEventStore, type PostgresEventStore as EmmettStore } from '@event-driven-io/emmett-postgresql';
import { PostgresEventStore } from '../libs/platform/event-store/src/postgres/postgres-event-store';
import { schemaSql } from '../libs/platform/event-store/src/postgres/event-store.schema';
import type { AppendOptions } from '../libs/platform/event-store/src/event-store';
import { configureLogging } from '../libs/platform/logging/src';

const root = path.resolve(__dirname, '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const log = configureLogging({ service: 'bench' }).child({ component: 'eventstore' });
// Kept as a native import(): swc would turn it into require(), which cannot load an ES module.
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ startInfra: (options: object) => Promise<{ databaseUrl: string; stop(): Promise<void> }> }>;

const metadata: AppendOptions['metadata'] = {
  actor: { subject: 'bench-user', roles: ['hr'] },
  businessUnitId: 'bu-42',
  correlationId: 'bench-correlation',
};
const payload = (i: number) => ({
  employeeId: `emp-${i % 1000}`,
  sessionId: 'session-7f3c',
  score: i % 5,
  comment: 'Completed the module on time with a strong practical assessment.',
  at: '2027-01-01T10:00:00.000Z',
});

interface Measure {
  eventsPerSecond: number;
  peakRssMb: number;
}

/** Runs `writers` loops for the fixed duration; each call returns the number of events it wrote. */
async function runFor(label: string, writers: number, step: (writer: number, i: number) => Promise<number>): Promise<Measure> {
  let events = 0;
  let peakRss = process.memoryUsage().rss;
  const started = Date.now();
  const deadline = started + SECONDS * 1000;
  let ticks = 0;
  const ticker = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const s = (Date.now() - started) / 1000;
    if (++ticks % 4 === 0) process.stderr.write(`  ${label}: ${events} events, ${Math.round(events / s)} ev/s\n`);
  }, 250);
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; Date.now() < deadline; i++) {
        // Not `events += await …`: that reads `events` before the await and loses other writers' counts.
        const written = await step(w, i);
        events += written;
      }
    }),
  );
  clearInterval(ticker);
  const elapsed = (Date.now() - started) / 1000;
  process.stderr.write(`  ${label}: ${events} events in ${elapsed.toFixed(1)} s\n`);
  return { eventsPerSecond: Math.round(events / elapsed), peakRssMb: Math.round(peakRss / 1024 / 1024) };
}

interface Stores {
  ours: PostgresEventStore;
  emmett: EmmettStore;
  raw: Pool;
  floor: Pool;
}

const ourEvents = (n: number, base: number) => Array.from({ length: n }, (_, k) => ({ eventId: randomUUID(), type: 'training.Scored', data: payload(base + k) }));
const emmettEvents = (n: number, base: number) =>
  Array.from({ length: n }, (_, k) => ({ type: 'training.Scored', data: payload(base + k), metadata: { ...metadata, eventId: randomUUID() } }));

type Workload = { name: string; ours: (s: Stores) => Promise<Measure>; emmett: ((s: Stores) => Promise<Measure>) | null };

const singleWriters = (n: number): Workload => ({
  name: `single-${n}w`,
  ours: (s) => runFor(`single-${n}w ours`, n, async (w, i) => (await s.ours.append(`s${n}-${w}`, ourEvents(1, i), { expectedVersion: 'any', metadata }), 1)),
  emmett: (s) => runFor(`single-${n}w emmett`, n, async (w, i) => (await s.emmett.appendToStream(`s${n}-${w}`, emmettEvents(1, i)), 1)),
});

/**
 * The floor of a single append: one-row INSERT transactions (autocommit, one round trip, one
 * commit each) into a table of the same shape, from node-postgres, `n` connections at once.
 */
const commitFloor = (n: number): Workload => ({
  name: `commit-floor-${n}w`,
  ours: (s) =>
    runFor(`commit-floor-${n}w`, n, async (w, i) => {
      await s.floor.query(
        `INSERT INTO raw.events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, prev_hash, hash)
         VALUES ($1, $2, $3, 'training.Scored', 1, $4, $5, $6, '', $7)`,
        [randomUUID(), `floor${n}-${w}`, i + 1, JSON.stringify(payload(i)), JSON.stringify(metadata), '2027-01-01T10:00:00.000Z', 'x'.repeat(64)],
      );
      return 1;
    }),
  emmett: null,
});

const only = process.env.BENCH_ONLY?.split(',');
const allWorkloads: Workload[] = [
  singleWriters(1),
  singleWriters(8),
  singleWriters(32),
  {
    name: 'batch-8w',
    ours: (s) => runFor('batch-8w ours', 8, async (w, i) => (await s.ours.append(`b-${w}`, ourEvents(100, i), { expectedVersion: 'any', metadata }), 100)),
    emmett: (s) => runFor('batch-8w emmett', 8, async (w, i) => (await s.emmett.appendToStream(`b-${w}`, emmettEvents(100, i)), 100)),
  },
  {
    name: 'hot-stream',
    ours: async (s) => {
      let version = 0;
      return runFor('hot-stream ours', 1, async (_w, i) => {
        version = (await s.ours.append('hot', ourEvents(1, i), { expectedVersion: version, metadata })).nextExpectedVersion;
        return 1;
      });
    },
    emmett: async (s) => {
      let version = 0n;
      return runFor('hot-stream emmett', 1, async (_w, i) => {
        version = (await s.emmett.appendToStream('hot', emmettEvents(1, i), { expectedStreamVersion: version })).nextExpectedStreamVersion;
        return 1;
      });
    },
  },
  commitFloor(1),
  commitFloor(32),
  {
    // The floor: plain multi-row INSERTs into a table of the same shape and indexes, no checks.
    name: 'raw-insert-8w',
    ours: (s) =>
      runFor('raw-insert-8w', 8, async (w, i) => {
        const rows = Array.from({ length: 100 }, (_, k) => k);
        await s.raw.query(
          `INSERT INTO raw.events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, prev_hash, hash)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::int[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::text[])`,
          [
            rows.map(() => randomUUID()),
            rows.map(() => `raw-${w}`),
            rows.map((k) => i * 100 + k + 1),
            rows.map(() => 'training.Scored'),
            rows.map(() => 1),
            rows.map((k) => JSON.stringify(payload(k))),
            rows.map(() => JSON.stringify(metadata)),
            rows.map(() => '2027-01-01T10:00:00.000Z'),
            rows.map(() => ''),
            rows.map(() => 'x'.repeat(64)),
          ],
        );
        return 100;
      }),
    emmett: null,
  },
];

// The floors always run: every ratio printed below needs its floor from the same run.
const floors = new Set(['raw-insert-8w', 'commit-floor-1w', 'commit-floor-32w']);
const workloads = allWorkloads.filter((w) => !only || only.includes(w.name) || floors.has(w.name));

async function main() {
  let serverUrl = process.env.DATABASE_URL;
  let stopInfra: (() => Promise<void>) | undefined;
  const dataDir = path.join(root, '.data', `bench-${process.pid}`);
  if (!serverUrl) {
    const { startInfra } = await importEsm(path.join(root, 'scripts/infra.mjs'));
    const infra = await startInfra({ dataDir, pgPort: Number(process.env.BENCH_PG_PORT ?? 55491), kafka: false, databases: [] });
    serverUrl = infra.databaseUrl as string;
    stopInfra = infra.stop;
  }
  const names = { ours: `bench_ours_${process.pid}`, emmett: `bench_emmett_${process.pid}` };
  const urlOf = (db: string) => Object.assign(new URL(serverUrl!), { pathname: `/${db}` }).toString();
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  for (const db of Object.values(names)) await admin.query(`CREATE DATABASE "${db}"`);

  const emmettPool = new Pool({ connectionString: urlOf(names.emmett), max: 40 });
  // DROP DATABASE … WITH (FORCE) at the end ends any connection still open: not an error here.
  emmettPool.on('error', () => {});
  const stores: Stores = {
    ours: new PostgresEventStore({
      connectionString: urlOf(names.ours),
      poolSize: 40,
      maxConcurrentFlushes: process.env.BENCH_FLUSHES ? Number(process.env.BENCH_FLUSHES) : undefined,
    }),
    emmett: getPostgreSQLEventStore(urlOf(names.emmett), { connectionOptions: { pool: emmettPool } }),
    raw: new Pool({ connectionString: urlOf(names.ours), max: 8 }),
    floor: new Pool({ connectionString: urlOf(names.ours), max: 32 }),
  };
  stores.raw.on('error', () => {});
  stores.floor.on('error', () => {});
  const results: { workload: string; ours: number; emmett: number | null; ratio: number | null; oursRss: number; emmettRss: number | null }[] = [];
  try {
    await stores.ours.ensureSchema();
    await stores.raw.query(schemaSql('raw'));
    // Warm-up also lets Emmett create its schema outside the measured runs.
    await stores.ours.append('warm-up', ourEvents(1, 0), { expectedVersion: 'any', metadata });
    await stores.emmett.appendToStream('warm-up', emmettEvents(1, 0));
    log.info({ seconds: SECONDS, workloads: workloads.map((w) => w.name) }, 'benchmark starting');
    for (const w of workloads) {
      const ours = await w.ours(stores);
      const emmett = w.emmett ? await w.emmett(stores) : null;
      results.push({
        workload: w.name,
        ours: ours.eventsPerSecond,
        emmett: emmett?.eventsPerSecond ?? null,
        ratio: emmett ? Math.round((ours.eventsPerSecond / emmett.eventsPerSecond) * 100) / 100 : null,
        oursRss: ours.peakRssMb,
        emmettRss: emmett?.peakRssMb ?? null,
      });
    }
  } finally {
    await stores.ours.close();
    await stores.emmett.close();
    await emmettPool.end().catch(() => {});
    await stores.raw.end();
    await stores.floor.end();
    for (const db of Object.values(names)) await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await admin.end();
    if (stopInfra) {
      await stopInfra();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const pad = (v: unknown, n: number) => String(v ?? '-').padStart(n);
  const by = (name: string) => results.find((r) => r.workload === name);
  const round2 = (v: number) => Math.round(v * 100) / 100;
  // Each single append beside the floor of its writer count: one-row commits, one round trip each.
  const floorNames: Record<string, string> = { 'single-1w': 'commit-floor-1w', 'hot-stream': 'commit-floor-1w', 'single-32w': 'commit-floor-32w' };
  const floorOf = (name: string) => (floorNames[name] ? by(floorNames[name]) : undefined);
  const out: string[] = [];
  out.push(
    `${'workload'.padEnd(18)}${pad('ours ev/s', 12)}${pad('emmett ev/s', 13)}${pad('ratio', 8)}${pad('/floor', 8)}${pad('ours RSS MB', 13)}${pad('emmett RSS MB', 15)}`,
  );
  for (const r of results) {
    const floor = floorOf(r.workload);
    const toFloor = floor ? round2(r.ours / floor.ours) : null;
    out.push(`${r.workload.padEnd(18)}${pad(r.ours, 12)}${pad(r.emmett, 13)}${pad(r.ratio, 8)}${pad(toFloor, 8)}${pad(r.oursRss, 13)}${pad(r.emmettRss, 15)}`);
  }
  const raw = by('raw-insert-8w')!.ours;
  const batch = by('batch-8w');
  const target = (label: string, value: number | null | undefined, min: number) =>
    `${label}: ${value ?? '-'} (target ≥ ${min}) ${value !== null && value !== undefined && value >= min ? 'MET' : 'NOT MET'}`;
  out.push('');
  out.push('/floor: single-1w and hot-stream against commit-floor-1w, single-32w against commit-floor-32w (one-row INSERT commits)');
  out.push(target('single-1w ours/emmett', by('single-1w')?.ratio, 1.5));
  out.push(target('hot-stream ours/emmett', by('hot-stream')?.ratio, 1.5));
  out.push(target('single-32w ours/emmett', by('single-32w')?.ratio, 3));
  out.push(target('batch-8w ours/raw-insert-8w', batch ? round2(batch.ours / raw) : null, 0.8));
  process.stdout.write(out.join('\n') + '\n');
  process.stdout.write(
    JSON.stringify({ bench: 'eventstore', results: results.map(({ workload, ours, emmett, ratio, oursRss, emmettRss }) => ({ workload, ours, emmett, ratio, oursRss, emmettRss })) }) + '\n',
  );
}

main().catch((e) => {
  log.error({ err: String(e?.stack ?? e) }, 'benchmark failed');
  process.exit(1);
});
