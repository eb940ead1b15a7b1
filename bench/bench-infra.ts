// What every benchmark needs: a PostgreSQL server (DATABASE_URL, else an embedded one) and, when
// asked, a Kafka broker (KAFKA_BROKERS, else an embedded KRaft one), each benchmark in a database
// of its own, a peak-RSS sampler and a progress line. Figures only: nothing here passes or fails.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { Client } from 'pg';

const root = path.resolve(__dirname, '..');
// Kept as a native import(): swc would turn it into require(), which cannot load an ES module.
const importEsm = new Function('specifier', 'return import(specifier)') as (
  s: string,
) => Promise<{ startInfra: (options: object) => Promise<{ databaseUrl: string; kafkaBrokers?: string; stop(): Promise<void> }> }>;

export interface BenchInfra {
  serverUrl: string;
  brokers: string[];
  /** A fresh database on the server, dropped by `close`. */
  database(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function benchInfra(options: { kafka: boolean; postgresSettings?: string[] }): Promise<BenchInfra> {
  let serverUrl = process.env.DATABASE_URL;
  let brokers = process.env.KAFKA_BROKERS;
  let stopInfra: (() => Promise<void>) | undefined;
  const dataDir = path.join(root, '.data', `bench-${process.pid}`);
  if (!serverUrl || (options.kafka && !brokers)) {
    const { startInfra } = await importEsm(path.join(root, 'scripts/infra.mjs'));
    const infra = await startInfra({
      dataDir,
      pgPort: Number(process.env.BENCH_PG_PORT ?? 55491),
      kafkaPort: Number(process.env.BENCH_KAFKA_PORT ?? 39491),
      kafka: options.kafka,
      databases: [],
      postgresSettings: options.postgresSettings ?? [],
    });
    serverUrl = infra.databaseUrl;
    brokers = infra.kafkaBrokers;
    stopInfra = infra.stop;
  }
  const created: string[] = [];
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  return {
    serverUrl: serverUrl!,
    brokers: (brokers ?? '').split(',').filter(Boolean),
    async database(name) {
      const db = `${name}_${process.pid}`;
      await admin.query(`CREATE DATABASE "${db}"`);
      created.push(db);
      return Object.assign(new URL(serverUrl!), { pathname: `/${db}` }).toString();
    },
    async close() {
      for (const db of created) await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
      await admin.end();
      if (stopInfra) {
        await stopInfra();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Samples the process's resident set while `work` runs; returns its result, seconds and peak RSS in MB. */
export async function measured<T>(label: string, work: (progress: (done: number, total: number) => void) => Promise<T>) {
  let peak = process.memoryUsage().rss;
  let line = '';
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    if (line) process.stderr.write(`  ${label}: ${line}\n`);
    line = '';
  }, 1000);
  const started = process.hrtime.bigint();
  try {
    const result = await work((done, total) => (line = `${done}/${total}`));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds, peakRssMb: Math.round(peak / 1024 / 1024) };
  } finally {
    clearInterval(sampler);
  }
}

export const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The table every benchmark prints, then its one JSON line (last on stdout). */
export function report(bench: string, rows: { workload: string; [k: string]: string | number | null }[], notes: string[] = []): void {
  const columns = Object.keys(rows[0] ?? {});
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '-').length)) + 2;
  const lines = [columns.map((c, i) => (i === 0 ? c.padEnd(width(c)) : c.padStart(width(c)))).join('')];
  for (const r of rows) lines.push(columns.map((c, i) => (i === 0 ? String(r[c]).padEnd(width(c)) : String(r[c] ?? '-').padStart(width(c)))).join(''));
  process.stdout.write([...lines, '', ...notes].join('\n') + '\n');
  process.stdout.write(JSON.stringify({ bench, results: rows }) + '\n');
}

/** A progress bar on stderr, drawn when stderr is a pipe too (CI logs), every 2 s there. */
export const progressBar = (label: string) =>
  new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 2000,
  });
