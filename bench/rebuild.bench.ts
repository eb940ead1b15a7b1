// Projection rebuild from the store: 10^6 training events replayed into training's read model
// (shadow tables, then the swap; with its progress bar) against an ordered scan of the same
// events (readAll from the start, nothing applied): the floor any rebuild must read through.
// Figures, not assertions.   npm run bench -- rebuild      BENCH_EVENTS (default 1000000)
import { randomUUID } from 'node:crypto';
import { SingleBar } from 'cli-progress';
import { PostgresEventStore } from '../libs/platform/event-store/src/postgres/postgres-event-store';
import { START, type AppendOptions, type LogPosition } from '../libs/platform/event-store/src/event-store';
import { configureLogging, silentLogger } from '../libs/platform/logging/src';
import { rebuildStoreProjection } from '../libs/platform/projections/src/store-rebuild';
import { openTrainingReadDatabase } from '../libs/training/infrastructure/src/training-read-data-source';
import { trainingReadProjection } from '../libs/training/infrastructure/src/training-read.projection';
import { benchInfra, measured, report, round } from './bench-infra';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const log = configureLogging({ service: 'bench' }).child({ component: 'rebuild' });
const metadata: AppendOptions['metadata'] = { actor: { subject: 'bench', roles: ['trainer'] }, businessUnitId: 'BU-7', correlationId: randomUUID() };
const at = '2027-02-01T10:00:00.000Z';

// Per session of 64 events: 48 enrolments, 8 completions, 8 needs identified, as a year of training looks.
const eventOf = (i: number) => {
  const session = `S-${i >> 6}`;
  const employeeId = `emp-${(i >> 6) % 5000}-${i & 63}`;
  const k = i & 63;
  if (k < 48) return { type: 'EmployeeEnrolled', data: { sessionId: session, employeeId, businessUnitId: `BU-${i % 97}`, via: 'direct', at } };
  if (k < 56)
    return {
      type: 'TrainingCompleted',
      data: { employeeId, programId: 'P-NEG', programVersion: 1, sessionId: session, businessUnitId: `BU-${i % 97}`, competencies: ['negotiation'], examScore: 81, attendanceShare: 1, completedAt: at },
    };
  return {
    type: 'TrainingNeedIdentified',
    data: {
      needId: `N-${i}`, employeeId, businessUnitId: `BU-${i % 97}`, competency: 'negotiation', currentLevel: 2, requiredLevel: 4, gap: 2,
      source: 'appraisal', sourceRef: `A-${i}`, strategicWeight: 1, priority: 2, priorityVersion: 1, at,
    },
  };
};

async function main() {
  const infra = await benchInfra({ kafka: false });
  const url = await infra.database('bench_rebuild');
  const store = new PostgresEventStore({ connectionString: url, poolSize: 8 });
  const dataSource = await openTrainingReadDatabase(url);
  try {
    await store.ensureSchema();
    const writing = new SingleBar({ stream: process.stderr, format: 'writing [{bar}] {value}/{total} events', hideCursor: true });
    writing.start(EVENTS, 0);
    const writers = 8;
    let next = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let i = (next += 1000) - 1000; i < EVENTS; i = (next += 1000) - 1000) {
          const events = Array.from({ length: Math.min(1000, EVENTS - i) }, (_, k) => ({ eventId: randomUUID(), ...eventOf(i + k) }));
          // A stream per 64-event session, as sessions are; appended 1000 events at a time.
          for (let s = 0; s < events.length; s += 64) await store.append(`training-session-bench-${(i + s) >> 6}`, events.slice(s, s + 64), { expectedVersion: 'any', metadata });
          writing.increment(events.length);
        }
      }),
    );
    writing.stop();

    const scan = await measured('ordered scan', async (progress) => {
      let n = 0;
      for (let after: LogPosition = START; ; ) {
        const page = await store.readAll({ after, limit: 1000 });
        if (page.events.length === 0) return n;
        n += page.events.length;
        after = page.next;
        progress(n, EVENTS);
      }
    });

    const bar = new SingleBar({ stream: process.stderr, format: 'rebuild training-read [{bar}] {percentage}% | {value}/{total} events | {eta_formatted} left', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 });
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
