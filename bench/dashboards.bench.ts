// `npm run bench -- dashboards`: the reporting read models at 10^5 employees, 10^3 units and three
// appraisal cycles, loaded through each projection's own batch apply (the SQL path the runner uses,
// one transaction per batch), then p50/p95 of every dashboard query and of a 10^5-row CSV export.
// Figures only: nothing here passes or fails. Target (issue 15): p95 under 50 ms per dashboard query.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { Pool } from 'pg';
import QueryStream from 'pg-query-stream';
import type { ContextName, Envelope } from '@tpm/contracts';
import { createLogger } from '@tpm/logging';
import { liveTables, type Projection } from '@tpm/projections';
import {
  coachingProjection,
  DashboardQueries,
  openReportingDatabase,
  orgHistoryProjection,
  performanceResultsProjection,
  performanceStagesProjection,
  rewardsProjection,
  timelineProjection,
  trainingEffectProjection,
  trainingProjection,
  type ReadFilter,
} from '@tpm/reporting-projections';
import { benchInfra, measured, progressBar, report, round } from './bench-infra';

const log = createLogger('bench-dashboards');
const EMPLOYEES = Number(process.env.BENCH_EMPLOYEES ?? 100_000);
const UNITS = Number(process.env.BENCH_UNITS ?? 1_000);
const CYCLES = 3;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const BATCH = 5_000;
const BANDS = ['below', 'meets', 'exceeds', 'outstanding'];
const POTENTIAL = ['low', 'medium', 'high'];

let seq = 0;
const env = (context: ContextName, type: string, streamId: string, data: object, at: string, channel?: 'log'): Envelope => ({
  eventId: randomUUID(),
  type: `${context}.${type}`,
  schemaVersion: type === 'AppraisalFinalized' && !channel ? 2 : 1,
  context,
  streamId,
  streamVersion: 1,
  position: ++seq,
  occurredAt: at,
  recordedAt: at,
  actor: { subject: 'bench', roles: ['system'] },
  businessUnitId: (data as { businessUnitId?: string }).businessUnitId ?? null,
  correlationId: randomUUID(),
  causationId: null,
  traceparent: null,
  ...(channel ? { channel } : {}),
  data: data as Envelope['data'],
});

/** root → 10 divisions → the rest as teams under the divisions. */
const unitId = (i: number) => `U${String(i).padStart(4, '0')}`;
const parentOf = (i: number) => (i === 0 ? null : i <= 10 ? unitId(0) : unitId(1 + ((i - 11) % 10)));
const empId = (i: number) => `E${String(i).padStart(6, '0')}`;
const teamOf = (i: number) => 11 + (i % (UNITS - 11));
const rnd = (i: number, k: number) => ((i * 2654435761 + k * 40503) >>> 0) % 1000;

function* history(): Generator<[Projection, Envelope[]]> {
  const t0 = '2024-01-02T09:00:00.000Z';
  const org: Envelope[] = [];
  for (let u = 0; u < UNITS; u++) org.push(env('performance', 'BusinessUnitRegistered', `bu-${u}`, { businessUnitId: unitId(u), name: `Unit ${u}`, parentId: parentOf(u), at: t0 }, t0));
  for (let e = 0; e < EMPLOYEES; e++) {
    org.push(env('performance', 'EmployeeOnboarded', `emp-${e}`, { employeeId: empId(e), employeeNumber: `N${e}`, businessUnitId: unitId(teamOf(e)), position: 'p', managerId: empId(teamOf(e)), level: e % 10 === 0 ? 'management' : 'staff', at: t0 }, t0));
    // Every 20th moves to another team a year later: placements with history.
    if (e % 20 === 0) org.push(env('performance', 'EmployeeTransferred', `emp-${e}`, { employeeId: empId(e), fromBusinessUnitId: unitId(teamOf(e)), toBusinessUnitId: unitId(teamOf(e + 1)), position: null, at: '2025-01-02T09:00:00.000Z' }, '2025-01-02T09:00:00.000Z'));
  }
  for (let i = 0; i < org.length; i += BATCH) {
    const b = org.slice(i, i + BATCH);
    yield [orgHistoryProjection, b];
    yield [timelineProjection, b];
    // Every cell-keeping projection reads the onboardings for the employees' levels (ADR 0032).
    const onboarded = b.filter((e) => e.type === 'performance.EmployeeOnboarded');
    for (const p of [performanceResultsProjection, performanceStagesProjection, trainingProjection, trainingEffectProjection, coachingProjection, rewardsProjection]) yield [p, onboarded];
  }
  for (let c = 1; c <= CYCLES; c++) {
    let results: Envelope[] = [];
    let stages: Envelope[] = [];
    for (let e = 0; e < EMPLOYEES; e++) {
      // A cycle's finalizations spread over December: a window can cut them.
      const at = `${2023 + c}-12-${String(1 + (e % 28)).padStart(2, '0')}T09:00:00.000Z`;
      const r = rnd(e, c);
      const rank = r < 100 ? 1 : r < 700 ? 2 : r < 950 ? 3 : 4;
      const common = { cycleId: `C${c}`, employeeId: empId(e), businessUnitId: unitId(teamOf(e)) };
      results.push(
        env('performance', 'AppraisalFinalized', `ap-${c}-${e}`, {
          appraisalId: `A${c}-${e}`, ...common, managerId: empId(teamOf(e)), period: String(2023 + c), score: 40 + (r % 60), ratingBand: BANDS[rank - 1], ratingBandRank: rank,
          competencyGaps: [], indicators: [{ objectiveId: 'o', indicatorId: 'k', score: r % 100 }], potential: POTENTIAL[r % 3], finalizedAt: at,
        }, at),
      );
      stages.push(env('performance', 'SelfAssessmentSubmitted', `ap-${c}-${e}`, { ...common, at }, at, 'log'));
      stages.push(env('performance', 'ManagerAssessmentSubmitted', `ap-${c}-${e}`, { ...common, ratingBand: BANDS[rank - 1], at }, at, 'log'));
      if (r % 20 === 0) stages.push(env('performance', 'RatingCalibrated', `ap-${c}-${e}`, { ...common, fromBand: BANDS[Math.min(3, rank)], toBand: BANDS[rank - 1], score: 50, calibratedBy: `cal-${r % 7}`, at }, at, 'log'));
      stages.push(env('performance', 'AppraisalFinalized', `ap-${c}-${e}`, { ...common, finalizedAt: at, ratingBand: BANDS[rank - 1] }, at, 'log'));
      if (results.length >= BATCH) {
        yield [performanceResultsProjection, results];
        yield [trainingEffectProjection, results];
        yield [timelineProjection, results];
        results = [];
      }
      if (stages.length >= BATCH) {
        yield [performanceStagesProjection, stages];
        stages = [];
      }
    }
    if (results.length) {
      yield [performanceResultsProjection, results];
      yield [trainingEffectProjection, results];
      yield [timelineProjection, results];
    }
    if (stages.length) yield [performanceStagesProjection, stages];
  }
  // Other contexts, smaller: a training a person, coaching for one in five, a bonus proposal each.
  let batch: Envelope[] = [];
  const flush = function* (p: Projection) {
    if (batch.length) yield [p, batch] as [Projection, Envelope[]];
    // The completions feed L4 too (the projection skips what it does not handle, as the runner would).
    if (batch.length && p === trainingProjection) yield [trainingEffectProjection, batch] as [Projection, Envelope[]];
    batch = [];
  };
  for (let e = 0; e < EMPLOYEES; e++) {
    const at = '2026-04-02T09:00:00.000Z';
    const unit = unitId(teamOf(e));
    batch.push(env('training', 'TrainingCompleted', `s-${e % 500}`, { employeeId: empId(e), programId: `P${e % 40}`, programVersion: 1, sessionId: `S${e % 5000}`, businessUnitId: unit, competencies: ['x'], examScore: rnd(e, 9) % 100, attendanceShare: 1, completedAt: at }, at));
    batch.push(env('training', 'TrainingNeedIdentified', `n-${e}`, { needId: `N${e}`, employeeId: empId(e), businessUnitId: unit, competency: `comp-${e % 30}`, source: 'appraisal', gap: 1, priority: 1, at }, at, 'log'));
    if (batch.length >= BATCH) yield* flush(trainingProjection);
  }
  yield* flush(trainingProjection);
  for (let e = 0; e < EMPLOYEES; e += 5) {
    const unit = unitId(teamOf(e));
    batch.push(env('coaching', 'EngagementStarted', `g-${e}`, { engagementId: `G${e}`, coachId: 'coach', coacheeId: empId(e), businessUnitId: unit, cycleId: 'C3', cadence: 'monthly', startedAt: '2026-01-10T09:00:00.000Z' }, '2026-01-10T09:00:00.000Z'));
    for (let m = 1; m <= 3; m++) batch.push(env('coaching', 'SessionHeld', `g-${e}`, { sessionId: `CS${e}-${m}`, engagementId: `G${e}`, coacheeId: empId(e), businessUnitId: unit, kind: 'formal', durationMinutes: 45, heldAt: `2026-0${m}-20T09:00:00.000Z` }, `2026-0${m}-20T09:00:00.000Z`));
    batch.push(env('coaching', 'MonthlyReviewSubmitted', `rv-${e}`, { reviewId: `R${e}`, employeeId: empId(e), businessUnitId: unit, month: '2026-03', dueOn: '2026-04-05', onTime: e % 3 !== 0, submittedAt: '2026-04-04T09:00:00.000Z' }, '2026-04-04T09:00:00.000Z'));
    if (batch.length >= BATCH) yield* flush(coachingProjection);
  }
  yield* flush(coachingProjection);
  for (let e = 0; e < EMPLOYEES; e += 2) {
    const unit = unitId(teamOf(e));
    const at = '2026-01-20T09:00:00.000Z';
    batch.push(env('rewards', 'RewardProposed', `pr-${e}`, { proposalId: `PR${e}`, employeeId: empId(e), businessUnitId: unit, policyId: `POL${e % 5}`, policyVersion: 1, appraisalId: `A3-${e}`, cycleId: 'C3', bandRank: 2, kind: 'bonus', amount: 1000, currency: 'EUR', proposedAt: at }, at));
    batch.push(env('rewards', 'RewardGranted', `gr-${e}`, { grantId: `GR${e}`, proposalId: `PR${e}`, employeeId: empId(e), businessUnitId: unit, policyId: `POL${e % 5}`, kind: 'bonus', amount: 900, currency: 'EUR', dueOn: '2026-03-31', grantedAt: at }, at));
    if (batch.length >= BATCH) yield* flush(rewardsProjection);
  }
  yield* flush(rewardsProjection);
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function main() {
  const infra = await benchInfra({ kafka: false });
  const url = await infra.database('bench_dashboards');
  const ds = await openReportingDatabase(url, { poolSize: 4 });
  const pool = new Pool({ connectionString: url, max: 2 });
  try {
    const approx = EMPLOYEES * (2 + CYCLES * 4.05) + EMPLOYEES * 2.6;
    const bar = progressBar('load');
    bar.start(Math.round(approx), 0);
    let loaded = 0;
    // Seconds of batch apply per projection: where the load's write cost goes.
    const perProjection = new Map<string, number>();
    const load = await measured('load', async () => {
      for (const [projection, batch] of history()) {
        const t = process.hrtime.bigint();
        await ds.transaction((tx) => projection.apply(batch, tx, liveTables(projection)));
        perProjection.set(projection.name, (perProjection.get(projection.name) ?? 0) + Number(process.hrtime.bigint() - t) / 1e9);
        if (projection !== timelineProjection && projection !== trainingEffectProjection) loaded += batch.length;
        bar.update(Math.min(loaded, Math.round(approx)));
      }
    });
    bar.stop();
    log.info({ seconds: Object.fromEntries([...perProjection].map(([k, v]) => [k, round(v, 1)])) }, 'batch apply per projection');
    // What autovacuum does after a load: statistics and the visibility map (index-only scans).
    await ds.query('VACUUM ANALYZE');
    const q = new DashboardQueries(ds);
    const division = (await q.subtree('U0001')).map((u) => u.businessUnitId);
    const team = (await q.subtree('U0500')).map((u) => u.businessUnitId);
    const scopes: [string, ReadFilter, string | null][] = [
      ['org', { units: null }, 'U0000'],
      [`division(${division.length} units)`, { units: division }, 'U0001'],
      ['team', { units: team }, 'U0500'],
    ];
    const rows: { workload: string; [k: string]: string | number | null }[] = [];
    const time = async (workload: string, run: () => Promise<number>) => {
      const ms: number[] = [];
      let n = 0;
      await run(); // warm the plan and the cache once
      for (let i = 0; i < RUNS; i++) {
        const t = process.hrtime.bigint();
        n = await run();
        ms.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      rows.push({ workload, rows: n, p50Ms: round(pct(ms, 50), 1), p95Ms: round(pct(ms, 95), 1) });
    };
    for (const [scope, base, root] of scopes) {
      const f = { ...base, cycleId: 'C3' };
      await time(`headcount ${scope}`, async () => (await q.headcount(base)).total);
      await time(`headcount as-of ${scope}`, async () => (await q.headcount({ ...base, asOf: '2024-06-01T00:00:00Z' })).total);
      await time(`distribution ${scope}`, async () => (await q.ratingDistribution(f)).total);
      // A window whose bound falls between two cycles' finalizations (cells only) and one cutting C3's (its facts in scope).
      await time(`distribution as-of between cycles ${scope}`, async () => (await q.ratingDistribution({ ...base, asOf: '2026-06-01T00:00:00Z' })).total);
      await time(`distribution as-of inside C3 ${scope}`, async () => (await q.ratingDistribution({ ...base, asOf: '2026-12-15T09:00:00.000Z' })).total);
      await time(`distribution level=management ${scope}`, async () => (await q.ratingDistribution({ ...f, level: 'management' })).total);
      await time(`by-manager ${scope}`, async () => (await q.distributionByManager(f)).length);
      await time(`heatmap ${scope}`, async () => (await q.heatmap(f, root)).length);
      await time(`nine-box ${scope}`, async () => (await q.nineBox(f)).cells.reduce((n, c) => n + c.appraisals, 0));
      await time(`calibration ${scope}`, async () => (await q.calibrationShifts(f)).total);
      await time(`completion ${scope}`, async () => (await q.completionByStage(f)).total);
      await time(`trend ${scope}`, async () => (await q.trend(base)).reduce((n, t) => n + t.appraisals, 0));
      await time(`training ${scope}`, async () => (await q.training(base)).completions);
      await time(`training as-of ${scope}`, async () => (await q.training({ ...base, asOf: '2026-06-01T00:00:00Z' })).completions);
      await time(`training level=management ${scope}`, async () => (await q.training({ ...base, level: 'management' })).completions);
      await time(`coaching ${scope}`, async () => (await q.coaching(base)).engagements);
      await time(`coaching as-of ${scope}`, async () => (await q.coaching({ ...base, asOf: '2026-06-01T00:00:00Z' })).engagements);
      await time(`completion as-of ${scope}`, async () => (await q.completionByStage({ ...f, asOf: '2026-06-01T00:00:00Z' })).finalized);
      await time(`coaching level=management ${scope}`, async () => (await q.coaching({ ...base, level: 'management' })).engagements);
      await time(`rewards ${scope}`, async () => (await q.rewards(base)).reduce((n, p) => n + Number(p.proposals ?? 0), 0));
      await time(`rewards level=management ${scope}`, async () => (await q.rewards({ ...base, level: 'management' })).reduce((n, p) => n + Number(p.proposals ?? 0), 0));
      await time(`appraisal page ${scope}`, async () => (await q.appraisalRows(f, { limit: 100, offset: 0, sort: 'score', order: 'desc' })).items.length);
    }
    await time('timeline one employee', async () => (await q.timeline(empId(4242), {}, { limit: 100, offset: 0 })).length);
    await time('subtree resolve (division)', async () => (await q.subtree('U0001')).length);

    // The export: every appraisal of a cycle (10^5 rows) through a cursor and csv-stringify into a sink.
    const exportMs: number[] = [];
    let exported = 0;
    let bytes = 0;
    const runs = Math.max(3, Math.min(RUNS, 7));
    const exp = await measured('csv export', async () => {
      for (let i = 0; i < runs; i++) {
        const s = q.appraisalRowsStatement({ units: null, cycleId: 'C3' }, { limit: 0, offset: 0 });
        const client = await pool.connect();
        const t = process.hrtime.bigint();
        exported = 0;
        bytes = 0;
        try {
          await pipeline(
            client.query(new QueryStream(s.sql, s.params, { batchSize: 1000 })),
            async function* (src: AsyncIterable<Record<string, unknown>>) {
              for await (const r of src) {
                exported++;
                yield r;
              }
            },
            stringify({ header: true, cast: { date: (d) => d.toISOString() } }),
            new Writable({ write: (chunk, _e, cb) => ((bytes += chunk.length), cb()) }),
          );
        } finally {
          client.release();
        }
        exportMs.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    });
    rows.push({ workload: `csv export ${exported} rows (${Math.round(bytes / 1e6)} MB)`, rows: exported, p50Ms: round(pct(exportMs, 50), 1), p95Ms: round(pct(exportMs, 95), 1) });
    const [counts] = await ds.query(
      `SELECT (SELECT count(*) FROM read_model.appraisal_results)::int AS appraisals, (SELECT count(*) FROM read_model.employee_placements)::int AS placements,
              (SELECT count(*) FROM read_model.org_units)::int AS units, (SELECT count(*) FROM read_model.employee_timeline)::int AS timeline`,
    );
    const slow = rows.filter((r) => !String(r.workload).startsWith('csv') && Number(r.p95Ms) >= 50).map((r) => r.workload);
    report('dashboards', rows, [
      `loaded ${counts.units} units, ${EMPLOYEES} employees (${counts.placements} placements), ${counts.appraisals} appraisals over ${CYCLES} cycles, ${counts.timeline} timeline rows in ${load.seconds.toFixed(0)} s (batch apply, ${BATCH} events a transaction)`,
      `p95 < 50 ms per dashboard query: ${slow.length ? `NOT MET for ${slow.join('; ')}` : 'MET for every query'}`,
      `CSV export peak RSS ${exp.peakRssMb} MB for ${exported} rows: streamed through a cursor, 1000 rows at a time`,
    ]);
  } finally {
    await pool.end();
    await ds.destroy();
    await infra.close();
  }
}

main().catch((e) => {
  log.error({ err: String(e?.stack ?? e) }, 'benchmark failed');
  process.exit(1);
});
