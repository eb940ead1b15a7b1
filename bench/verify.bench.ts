// Integrity verification of 10^6 events (every stream chain recomputed, every seal re-derived, the
// stream heads compared) against an ordered scan of the same events (readAll from the start,
// nothing else): the floor any verification must read through. Then three events are tampered
// with by SQL (one edited, two swapped in their stream (through a free version: stream_version must stay positive and unique), one deleted mid-stream) and verification
// runs again: each is reported found and named, or not. Figures and found/not-found lines, never
// an assertion that fails the process.   npm run bench -- verify      BENCH_EVENTS (default 1000000)
import { Client } from 'pg';
import { PostgresEventStore } from '../libs/platform/event-store/src/postgres/postgres-event-store';
import type { IntegrityProblem } from '../libs/platform/event-store/src/event-store';
import { configureLogging } from '../libs/platform/logging/src';
import { benchInfra, measured, progressBar, report, round } from './bench-infra';
import { orderedScan, SESSION, writeTrainingSessions } from './training-events';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const TARGET = 0.5;
const log = configureLogging({ service: 'bench' }).child({ component: 'verify' });
const streamOf = (session: number) => `training-session-verify-${session}`;

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
    const write = await measured('write', () => writeTrainingSessions(store, EVENTS, streamOf, (n) => writing.increment(n)));
    writing.stop();
    sealing = false;
    await sealer;
    while (await store.seal());
    const sealCount = (await store.listSeals()).length;

    // 2. The floor: the log read in order, nothing done with it.
    const scan = await measured('ordered scan', (progress) => orderedScan(store, (n) => progress(n, EVENTS)));

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
