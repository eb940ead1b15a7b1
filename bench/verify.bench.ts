// Integrity verification of 10^6 events (every stream chain recomputed, every seal re-derived, the
// stream heads compared) against an ordered scan of the same events (readAll from the start,
// nothing else): the floor any verification must read through. Then three events are tampered
// with by SQL (one edited, two swapped in their stream (through a free version: stream_version must stay positive and unique), one deleted mid-stream) and verification
// runs again: each is reported found and named, or not. Figures and found/not-found lines, never
// an assertion that fails the process.   npm run bench -- verify      BENCH_EVENTS (default 1000000)
import { randomUUID } from 'node:crypto';
import { SingleBar } from 'cli-progress';
import { Client } from 'pg';
import { PostgresEventStore } from '../libs/platform/event-store/src/postgres/postgres-event-store';
import { START, type AppendOptions, type IntegrityProblem, type LogPosition } from '../libs/platform/event-store/src/event-store';
import { configureLogging } from '../libs/platform/logging/src';
import { benchInfra, measured, report, round } from './bench-infra';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SESSION = 64;
const TARGET = 0.5;
const log = configureLogging({ service: 'bench' }).child({ component: 'verify' });
const metadata: AppendOptions['metadata'] = { actor: { subject: 'bench', roles: ['trainer'] }, businessUnitId: 'BU-7', correlationId: randomUUID() };
const at = '2027-02-01T10:00:00.000Z';
const streamOf = (session: number) => `training-session-verify-${session}`;

// A session of 64 events: 48 enrolments, 8 completions, 8 needs identified (as rebuild.bench.ts).
const eventOf = (i: number) => {
  const sessionId = `S-${i >> 6}`;
  const employeeId = `emp-${(i >> 6) % 5000}-${i & 63}`;
  const k = i & 63;
  if (k < 48) return { type: 'EmployeeEnrolled', data: { sessionId, employeeId, businessUnitId: `BU-${i % 97}`, via: 'direct', at } };
  if (k < 56)
    return {
      type: 'TrainingCompleted',
      data: { employeeId, programId: 'P-NEG', programVersion: 1, sessionId, businessUnitId: `BU-${i % 97}`, competencies: ['negotiation'], examScore: 81, attendanceShare: 1, completedAt: at },
    };
  return {
    type: 'TrainingNeedIdentified',
    data: {
      needId: `N-${i}`, employeeId, businessUnitId: `BU-${i % 97}`, competency: 'negotiation', currentLevel: 2, requiredLevel: 4, gap: 2,
      source: 'appraisal', sourceRef: `A-${i}`, strategicWeight: 1, priority: 2, priorityVersion: 1, at,
    },
  };
};

const progressBar = (label: string) =>
  new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
    hideCursor: true,
    // Shown when stderr is a pipe too (CI logs), every 2 s.
    noTTYOutput: true,
    notTTYSchedule: 2000,
  });

async function main() {
  const infra = await benchInfra({ kafka: false });
  const url = await infra.database('bench_verify');
  const store = new PostgresEventStore({ connectionString: url, poolSize: 8 });
  const sql = new Client({ connectionString: url });
  await sql.connect();
  try {
    await store.ensureSchema();

    // 1. Write: 8 writers, one 64-event session stream per append, sealing every 5 s as services do.
    const writing = progressBar('writing');
    writing.start(EVENTS, 0);
    let sealing = true;
    const sealer = (async () => {
      while (sealing) {
        await new Promise((r) => setTimeout(r, 5_000));
        await store.seal();
      }
    })();
    const write = await measured('write', async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let i = (next += 1024) - 1024; i < EVENTS; i = (next += 1024) - 1024) {
            const events = Array.from({ length: Math.min(1024, EVENTS - i) }, (_, k) => ({ eventId: randomUUID(), ...eventOf(i + k) }));
            for (let s = 0; s < events.length; s += SESSION) await store.append(streamOf((i + s) / SESSION), events.slice(s, s + SESSION), { expectedVersion: 'no-stream', metadata });
            writing.increment(events.length);
          }
        }),
      );
    });
    writing.stop();
    sealing = false;
    await sealer;
    while (await store.seal());
    const sealCount = (await store.listSeals()).length;

    // 2. The floor: the log read in order, nothing done with it.
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

    // 3. Verify the untouched store, with its progress bar.
    const verifyTimed = async (label: string) => {
      const bar = progressBar(label);
      let started = false;
      const run = await measured(label, () =>
        store.verify({
          onProgress: (done, total) => {
            if (!started) bar.start(total, done);
            started = true;
            bar.setTotal(total);
            bar.update(done);
          },
        }),
      );
      bar.stop();
      return run;
    };
    const clean = await verifyTimed('verify');

    // 4. Tamper by SQL, in three streams a quarter, half and three quarters into the log.
    const sessions = Math.ceil(EVENTS / SESSION);
    const [edited, swapped, deleted] = [0.25, 0.5, 0.75].map((f) => streamOf(Math.floor(sessions * f)));
    const s = store.schema;
    await sql.query(`UPDATE ${s}.events SET data = replace(data, '"direct"', '"forged"') WHERE stream_id = $1 AND stream_version = 10`, [edited]);
    await sql.query('BEGIN');
    await sql.query(`UPDATE ${s}.events SET stream_version = 1000020 WHERE stream_id = $1 AND stream_version = 20`, [swapped]);
    await sql.query(`UPDATE ${s}.events SET stream_version = 20 WHERE stream_id = $1 AND stream_version = 21`, [swapped]);
    await sql.query(`UPDATE ${s}.events SET stream_version = 21 WHERE stream_id = $1 AND stream_version = 1000020`, [swapped]);
    await sql.query('COMMIT');
    await sql.query(`DELETE FROM ${s}.events WHERE stream_id = $1 AND stream_version = 32`, [deleted]);
    const tampered = await verifyTimed('verify tampered');

    const problems = tampered.result.problems;
    const named = (streamId: string, versions: number[]) => problems.filter((p) => p.streamId === streamId && versions.includes(p.streamVersion ?? -1));
    const describe = (p: IntegrityProblem) => `${p.kind}${p.streamId ? ` ${p.streamId}` : ''}${p.streamVersion !== undefined ? `@${p.streamVersion}` : ''}${p.seal !== undefined ? ` seal ${p.seal}` : ''}`;
    const cases = [
      { what: `edited data of ${edited}@10`, hits: named(edited, [10]) },
      { what: `swapped versions ${swapped}@20/@21`, hits: named(swapped, [20, 21]) },
      { what: `deleted ${deleted}@32 (mid-stream)`, hits: named(deleted, [32, 33]) },
    ];
    const others = problems.filter((p) => !cases.some((c) => c.hits.includes(p)));

    const rate = (n: number, sec: number) => Math.round(n / sec);
    const floor = rate(scan.result, scan.seconds);
    const ours = rate(clean.result.eventsChecked, clean.seconds);
    const ratio = round(ours / floor);
    const oursTampered = rate(tampered.result.eventsChecked, tampered.seconds);
    report(
      'verify',
      [
        { workload: `verify-${EVENTS}`, ours, 'ordered-scan': floor, ratio, oursRssMb: clean.peakRssMb, scanRssMb: scan.peakRssMb },
        { workload: `verify-tampered-${EVENTS}`, ours: oursTampered, 'ordered-scan': floor, ratio: round(oursTampered / floor), oursRssMb: tampered.peakRssMb, scanRssMb: scan.peakRssMb },
      ],
      [
        `verify / ordered scan: ${ratio} (target ≥ ${TARGET}) ${ratio >= TARGET ? 'MET' : 'NOT MET'}`,
        `events/s; verify ${clean.seconds.toFixed(1)} s against ${scan.seconds.toFixed(1)} s for the scan; ${clean.result.streamsChecked} streams, ${clean.result.sealsChecked} seals, ` +
          `${clean.result.unsealedEvents} unsealed; untouched store ${clean.result.ok ? 'ok' : `NOT ok (${clean.result.problems.length} problems)`}`,
        `written in ${write.seconds.toFixed(1)} s (${rate(EVENTS, write.seconds)} events/s, ${sealCount} seals); peak RSS MB: write ${write.peakRssMb}, scan ${scan.peakRssMb}, verify ${clean.peakRssMb}, verify tampered ${tampered.peakRssMb}`,
        ...cases.map((c) => `${c.hits.length ? 'FOUND and named' : 'NOT FOUND'}: ${c.what}${c.hits.length ? ` → ${c.hits.map(describe).join(', ')}` : ''}`),
        `also reported: ${others.length ? others.map(describe).join(', ') : 'nothing else'}`,
      ],
    );
  } finally {
    await sql.end();
    await store.close();
    await infra.close();
  }
}

main().catch((e) => {
  log.error({ err: String(e?.stack ?? e) }, 'benchmark failed');
  process.exit(1);
});
