// Projection rebuild from the store: 10^6 training events replayed into training's read model
// (shadow tables, then the swap; with its progress bar) against an ordered scan of the same
// events (readAll from the start, nothing applied): the floor any rebuild must read through.
// Figures, not assertions.   npm run bench -- rebuild      BENCH_EVENTS (default 1000000)
import { PostgresEventStore } from '../libs/platform/event-store/src/postgres/postgres-event-store';
import { configureLogging, silentLogger } from '../libs/platform/logging/src';
import { rebuildStoreProjection } from '../libs/platform/projections/src/store-rebuild';
import { openTrainingReadDatabase } from '../libs/training/infrastructure/src/training-read-data-source';
import { trainingReadProjection } from '../libs/training/infrastructure/src/training-read.projection';
import { benchInfra, measured, progressBar, report, round } from './bench-infra';
import { orderedScan, writeTrainingSessions } from './training-events';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const log = configureLogging({ service: 'bench' }).child({ component: 'rebuild' });

async function main() {
  const infra = await benchInfra({ kafka: false });
  const url = await infra.database('bench_rebuild');
  const store = new PostgresEventStore({ connectionString: url, poolSize: 8 });
  const dataSource = await openTrainingReadDatabase(url);
  try {
    await store.ensureSchema();
    const writing = progressBar('writing');
    writing.start(EVENTS, 0);
    await writeTrainingSessions(store, EVENTS, (session) => `training-session-bench-${session}`, (n) => writing.increment(n));
    writing.stop();

    const scan = await measured('ordered scan', (progress) => orderedScan(store, (n) => progress(n, EVENTS)));

    const bar = progressBar('rebuild training-read');
    let started = false;
    const rebuild = await measured('rebuild', () =>
      rebuildStoreProjection({
        projection: trainingReadProjection,
        dataSource,
        store,
        context: 'training',
        logger: silentLogger,
        onProgress: (done, total) => {
          if (!started) bar.start(total, done);
          started = true;
          bar.setTotal(total);
          bar.update(done);
        },
      }),
    );
    bar.stop();

    const rows: { count: string }[] = await dataSource.query('SELECT count(*)::text AS count FROM training_read.enrolments');
    const rate = (n: number, s: number) => Math.round(n / s);
    const ours = rate(EVENTS, rebuild.seconds);
    const floor = rate(scan.result, scan.seconds);
    const ratio = round(ours / floor);
    report(
      'rebuild',
      [{ workload: `rebuild-${EVENTS}`, ours, 'ordered-scan': floor, ratio, oursRssMb: rebuild.peakRssMb, scanRssMb: scan.peakRssMb }],
      [
        `rebuild / ordered scan: ${ratio} (target ≥ 0.3) ${ratio >= 0.3 ? 'MET' : 'NOT MET'}`,
        `events/s; the rebuild wrote ${rows[0].count} enrolment rows, ${rebuild.seconds.toFixed(1)} s against ${scan.seconds.toFixed(1)} s for the scan`,
      ],
    );
  } finally {
    await dataSource.destroy();
    await store.close();
    await infra.close();
  }
}

main().catch((e) => {
  log.error({ err: String(e?.stack ?? e) }, 'benchmark failed');
  process.exit(1);
});
