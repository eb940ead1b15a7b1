// A full appraisal cycle through the performance context's own handlers and queries, on one real
// PostgreSQL (DATABASE_URL, else an embedded one), at growing sizes: import, scorecards,
// enrolment, self and manager assessment, calibration, finalization, distribution, what-if.
// Prints time per phase and per employee and, per phase, `growth`: the ratio of the phase's time
// at 10× the employees (linear ≈ 10). Figures, never assertions.
//   npm run bench -- appraisal-cycle            100, 1000 (BENCH_SIZES=100,1000,10000 for more)
//   npm run bench -- appraisal-cycle --large    adds 10^4 and 10^5
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ManualClock, type Actor } from '../libs/platform/kernel/src';
import type { CommandContext } from '../libs/platform/event-store/src';
import { PostgresEventStore } from '../libs/platform/event-store/src/postgres/postgres-event-store';
import { configureLogging } from '../libs/platform/logging/src';
import { PERFORMANCE_UPCASTERS } from '../libs/performance/infrastructure/src/performance.upcasters';
import { forEachBounded } from '../libs/performance/application/src/bounded-concurrency';
import { employeeIdFor } from '../libs/performance/application/src/employee-number.identity';
import { benchInfra, round } from './bench-infra';
import { wireAppraisalCycle } from './appraisal-cycle.wiring';

const log = configureLogging({ service: 'bench' }).child({ component: 'appraisal-cycle' });
const large = process.argv.includes('--large');
const SIZES = (process.env.BENCH_SIZES ?? (large ? '1000,10000,100000' : '100,1000')).split(',').map(Number);
/** Commands in flight at once: a busy HR department, not a single clicker. */
const LANES = Number(process.env.BENCH_LANES ?? 8);
/** Repeated GETs per query phase, for a p95. */
const GETS = Number(process.env.BENCH_GETS ?? 20);
const UNITS = 10;
const PER_MANAGER = 50;

const ctx = (subject: string, roles: Actor['roles'], employeeId?: string): CommandContext => ({ actor: { subject, roles, employeeId }, correlationId: randomUUID() });
const hr = ctx('hr', ['hr']);

interface PhaseTime {
  phase: string;
  ms: number;
  /** For query phases: the p95 of the repeated calls; commands: the whole phase. */
  kind: 'total' | 'p95';
  /** Work done, per employee (command phases) or per call (query phases); null where not measured. */
  work: PhaseWork;
}

interface PhaseWork {
  /** Shared buffers the database touched (hit or read), from pg_stat_statements: what the SQL read and wrote, whatever the load. */
  buffers: number | null;
  /** Statements the database ran. */
  statements: number | null;
  /** CPU time of this (client) process, ms. */
  cpuMs: number;
}

interface DbCounters {
  buffers: number;
  statements: number;
}

/**
 * The database's own count of the work, for this bench database only: pg_stat_statements, which
 * the bench's embedded server preloads. Against a server without it (DATABASE_URL), null.
 */
async function dbCounters(client: Client): Promise<DbCounters | null> {
  try {
    const { rows } = await client.query<{ buffers: string; statements: string }>(
      `SELECT COALESCE(sum(shared_blks_hit + shared_blks_read), 0)::text AS buffers, COALESCE(sum(calls), 0)::text AS statements
         FROM pg_stat_statements WHERE toplevel AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    return { buffers: Number(rows[0].buffers), statements: Number(rows[0].statements) };
  } catch {
    return null;
  }
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const time = async (work: () => Promise<unknown>) => {
  const t = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

async function runCycle(url: string, n: number): Promise<PhaseTime[]> {
  const stats = new Client({ connectionString: url });
  await stats.connect();
  await stats.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').catch(() => undefined);
  /** Measures `work`'s database and CPU work, divided by `per` (employees, or calls). */
  const measure = async (per: number, work: () => Promise<void>): Promise<PhaseWork> => {
    const db0 = await dbCounters(stats);
    const cpu0 = process.cpuUsage();
    await work();
    const cpu = process.cpuUsage(cpu0);
    const db1 = await dbCounters(stats);
    // The two counter reads are statements too: taken out.
    const delta = (k: keyof DbCounters) => (db0 && db1 ? round((db1[k] - db0[k] - (k === 'statements' ? 1 : 0)) / per, 1) : null);
    return { buffers: delta('buffers'), statements: delta('statements'), cpuMs: round((cpu.user + cpu.system) / 1000 / per, 3) };
  };
  const store = new PostgresEventStore({ connectionString: url, poolSize: 16, upcasters: PERFORMANCE_UPCASTERS });
  await store.ensureSchema();
  const clock = new ManualClock(new Date('2027-01-02T09:00:00Z'));
  const w = await wireAppraisalCycle(store, clock, url);
  const phases: PhaseTime[] = [];
  const phase = async (name: string, work: () => Promise<unknown>, per = n) => {
    let ms = 0;
    const done = await measure(per, async () => {
      ms = await time(work);
    });
    phases.push({ phase: name, ms, kind: 'total', work: done });
    process.stderr.write(`  n=${n} ${name}: ${Math.round(ms)} ms, per employee ${done.buffers ?? '-'} buffers, ${done.statements ?? '-'} statements, ${done.cpuMs} ms CPU\n`);
  };
  const query = async (name: string, work: () => Promise<unknown>) => {
    await work(); // warm
    const times: number[] = [];
    const done = await measure(GETS, async () => {
      for (let i = 0; i < GETS; i++) times.push(await time(work));
    });
    phases.push({ phase: name, ms: p95(times), kind: 'p95', work: done });
    process.stderr.write(`  n=${n} ${name}: p95 ${round(p95(times))} ms, per call ${done.buffers ?? '-'} buffers, ${done.statements ?? '-'} statements, ${done.cpuMs} ms CPU\n`);
  };
  const cycleId = `C-${n}`;
  const units = Array.from({ length: UNITS }, (_, i) => `ops-${i}`);
  const managers = Array.from({ length: Math.ceil(n / PER_MANAGER) }, (_, i) => `M-${i}`);
  const employees = Array.from({ length: n }, (_, i) => ({ number: `E-${i}`, id: employeeIdFor(`E-${i}`), manager: employeeIdFor(managers[Math.floor(i / PER_MANAGER)]), unit: units[i % UNITS] }));
  try {
    await phase('import', async () => {
      await w.registerUnit.handle({ businessUnitId: 'org', name: 'Org', parentId: null }, hr);
      await w.registerUnit.handle({ businessUnitId: 'mgmt', name: 'Management', parentId: 'org' }, hr);
      await w.registerUnit.handle({ businessUnitId: 'ops', name: 'Operations', parentId: 'org' }, hr);
      for (const u of units) await w.registerUnit.handle({ businessUnitId: u, name: u, parentId: 'ops' }, hr);
      await forEachBounded(managers, LANES, async (m) => {
        await w.onboard.handle({ employeeNumber: m, name: m, businessUnitId: 'mgmt', position: 'Manager', managerId: null, level: 'management' }, hr);
      });
      await forEachBounded(employees, LANES, async (e) => {
        await w.onboard.handle({ employeeNumber: e.number, name: e.number, businessUnitId: e.unit, position: 'Analyst', managerId: e.manager, level: 'staff' }, hr);
      });
    });
    await w.setGoal.handle({ goalId: `G-${n}`, period: '2027', title: 'Grow' }, ctx('exec', ['executive']));
    await w.openCycle.handle({ cycleId, period: '2027', businessUnitId: 'ops' }, hr);
    await phase('scorecards', () =>
      forEachBounded(employees, LANES, async (e) => {
        const by = ctx('boss', ['manager'], e.manager);
        await w.assignObjective.handle({ employeeId: e.id, period: '2027', objectiveId: 'O1', title: 'Deliver', weight: 100, parentGoalId: `G-${n}` }, by);
        await w.defineIndicator.handle({ employeeId: e.id, period: '2027', objectiveId: 'O1', indicatorId: 'K1', name: 'Output', target: 100, unit: 'pcs', method: { kind: 'linear-ratio' } }, by);
      }),
    );
    await phase('enrol', () => w.enrol.handle({ cycleId }, hr));
    await w.advance.handle({ cycleId, to: 'execution' }, hr);
    await w.advance.handle({ cycleId, to: 'review' }, hr);
    await phase('self-assessment', () =>
      forEachBounded(employees, LANES, async (e) => {
        await w.selfAssess.handle({ cycleId, employeeId: e.id, actingEmployeeId: e.id, comment: 'Did well', ratings: [{ competency: 'craft', rating: 3 }] }, ctx(e.number, ['employee'], e.id));
      }),
    );
    await phase('manager-assessment', () =>
      forEachBounded(employees, LANES, async (e, i) => {
        await w.managerAssess.handle(
          {
            cycleId,
            employeeId: e.id,
            actingEmployeeId: e.manager,
            results: [{ indicatorId: 'K1', actual: 40 + (i % 70) }],
            competencies: [{ competency: 'craft', rating: 1 + (i % 5), requiredLevel: 3 }],
            potential: 'medium',
            comment: 'Solid',
          },
          ctx('boss', ['manager'], e.manager),
        );
      }),
    );
    await query('cycle-get', () => w.queries.cycle(cycleId));
    await w.advance.handle({ cycleId, to: 'calibration' }, hr);
    // The committee moves one in ten.
    await phase('calibration', () =>
      forEachBounded(
        employees.filter((_, i) => i % 10 === 0),
        LANES,
        async (e) => {
          await w.calibrate.handle({ cycleId, employeeId: e.id, toBand: 'exceeds', reason: 'Committee view' }, hr);
        },
      ),
    );
    await query('distribution', () => w.queries.distribution(cycleId));
    await query('what-if', () => w.queries.whatIf(cycleId, { bands: [{ name: 'low', from: 0 }, { name: 'high', from: 60 }] }));
    await w.advance.handle({ cycleId, to: 'feedback' }, hr);
    await phase('finalize', () => w.finalize.handle({ cycleId }, hr));
    return phases;
  } finally {
    await w.close();
    await store.close();
    if (process.env.BENCH_TOP_STATEMENTS) await printTopStatements(stats, n);
    await stats.end();
  }
}

/** BENCH_TOP_STATEMENTS=1: the statements that touched the most buffers in this size's database, to see what grows. */
async function printTopStatements(client: Client, n: number) {
  const { rows } = await client
    .query<{ calls: string; per_call: string; total: string; query: string }>(
      `SELECT calls::text, round((shared_blks_hit + shared_blks_read)::numeric / calls, 1)::text AS per_call,
              (shared_blks_hit + shared_blks_read)::text AS total,
              CASE WHEN toplevel THEN '' ELSE '(nested) ' END || left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY shared_blks_hit + shared_blks_read DESC LIMIT 25`,
    )
    .catch(() => ({ rows: [] }));
  process.stderr.write(`  n=${n} statements by buffers touched (calls, per call, total, statement):\n`);
  for (const r of rows) process.stderr.write(`    ${r.calls.padStart(7)} ${r.per_call.padStart(8)} ${r.total.padStart(10)}  ${r.query}\n`);
}

let peakRss = process.memoryUsage().rss;
setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250).unref();

async function main() {
  // The embedded server counts each statement's buffers (pg_stat_statements): the work per employee, load or not.
  const infra = await benchInfra({ kafka: false, postgresSettings: ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.max=10000', 'pg_stat_statements.track=all'] });
  const bySize = new Map<number, PhaseTime[]>();
  try {
    for (const n of SIZES) {
      const url = await infra.database(`bench_cycle_${n}`);
      bySize.set(n, await runCycle(url, n));
    }
  } finally {
    await infra.close();
  }
  const rows: { workload: string; [k: string]: string | number | null }[] = [];
  for (const [i, n] of SIZES.entries()) {
    const prev = i > 0 ? bySize.get(SIZES[i - 1]) : undefined;
    for (const p of bySize.get(n)!) {
      const before = prev?.find((q) => q.phase === p.phase);
      rows.push({
        workload: `${p.phase}-${n}`,
        ours: round(p.ms, 1),
        unit: p.kind === 'p95' ? 'ms p95' : 'ms',
        perEmployeeMs: p.kind === 'total' ? round(p.ms / n, 3) : null,
        growth: before && before.ms > 0 ? round(p.ms / before.ms, 2) : null,
        // Per employee (or per GET): flat across sizes (≈ 1 for the 10× size) is work linear in the cycle.
        buffers: p.work.buffers,
        buffersGrowth: before?.work.buffers && p.work.buffers !== null ? round(p.work.buffers / before.work.buffers, 2) : null,
        statements: p.work.statements,
        cpuMs: p.work.cpuMs,
        cpuGrowth: before?.work.cpuMs ? round(p.work.cpuMs / before.work.cpuMs, 2) : null,
      });
    }
  }
  const worst = rows.filter((r) => typeof r.growth === 'number').sort((a, b) => (b.growth as number) - (a.growth as number))[0];
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  report(rows, [
    `peak RSS ${Math.round(peakRss / 1024 / 1024)} MB`,
    `growth = phase time at this size / at the previous size (10× the employees: linear ≈ 10, target ≤ 12); ${LANES} commands in flight; GETs: p95 of ${GETS}`,
    'buffers, statements: the database work (pg_stat_statements) per employee, per GET for p95 rows; cpuMs: this process, same unit; *Growth: the same per-unit figure at 10× the employees (flat ≈ 1: linear in total)',
    worst ? `worst growth: ${worst.workload} ${worst.growth}` : 'one size only: no growth',
  ]);
}

function report(rows: { workload: string; [k: string]: string | number | null }[], notes: string[]) {
  const columns = Object.keys(rows[0] ?? {});
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '-').length)) + 2;
  const lines = [columns.map((c, i) => (i === 0 ? c.padEnd(width(c)) : c.padStart(width(c)))).join('')];
  for (const r of rows) lines.push(columns.map((c, i) => (i === 0 ? String(r[c]).padEnd(width(c)) : String(r[c] ?? '-').padStart(width(c)))).join(''));
  process.stdout.write([...lines, '', ...notes].join('\n') + '\n');
  process.stdout.write(JSON.stringify({ bench: 'appraisal-cycle', results: rows.map(({ workload, ours, growth, buffersGrowth, cpuGrowth }) => ({ workload, ours, growth, buffersGrowth, cpuGrowth })) }) + '\n');
}

main().catch((e) => {
  log.error({ err: String(e?.stack ?? e) }, 'benchmark failed');
  process.exit(1);
});
