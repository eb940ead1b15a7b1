import type { DataSource } from 'typeorm';
import { CELLS, LEVEL_KEY, LEVELS, SPREADS, STAGE_COUNTS, windowedCells, type CellSpec } from './dashboard-cells';
import { HEADCOUNT_TABLES, monthStart } from './org-history.projection';
import { EFFECT_CELLS } from './training-effect.projection';
import { rm } from './sql-rows';

/** What every dashboard query filters by. `units` is already the caller-visible subtree (null: all). */
export interface ReadFilter {
  units: string[] | null;
  cycleId?: string;
  period?: string;
  level?: string;
  band?: string;
  /** Figures as they stood at this instant (ISO); absent: now. */
  asOf?: string;
  from?: string;
  to?: string;
}

export interface Page {
  limit: number;
  offset: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

/** A parameterised statement: run it for a page, or stream it (CSV) with a cursor. */
export interface Statement {
  sql: string;
  params: unknown[];
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

const T = {
  units: rm('org_units'),
  placements: rm('employee_placements'),
  results: rm('appraisal_results'),
  stages: rm('appraisal_stages'),
  shifts: rm('calibration_shifts'),
  completions: rm('training_completions'),
  enrolments: rm('training_enrolments'),
  needs: rm('training_needs'),
  evaluations: rm('training_evaluations'),
  budgets: rm('training_plan_budgets'),
  engagements: rm('coaching_engagements'),
  sessions: rm('coaching_sessions'),
  reviews: rm('monthly_reviews'),
  plans: rm('improvement_plans'),
  proposals: rm('reward_proposals'),
  grants: rm('reward_grants'),
  effects: rm('incentive_effects'),
  timeline: rm('employee_timeline'),
};
export const READ_MODEL_TABLES = T;

const C = {
  stages: CELLS.appraisalStages.table,
  headcount: CELLS.headcount.table,
  needs: CELLS.trainingNeeds.table,
  completions: CELLS.trainingCompletions.table,
  completionSpread: SPREADS.completionPeople.table,
  enrolments: CELLS.trainingEnrolments.table,
  evaluations: CELLS.trainingEvaluations.table,
  engagements: CELLS.coachingEngagements.table,
  coacheeSpread: SPREADS.activeCoachees.table,
  sessions: CELLS.coachingSessions.table,
  reviews: CELLS.monthlyReviews.table,
  plans: CELLS.improvementPlans.table,
  proposals: CELLS.rewardProposals.table,
  effectUnits: EFFECT_CELLS.units.table,
  effectPrograms: EFFECT_CELLS.programs.table,
};

/** The filter has a time window (`asOf`, `from`, `to`). */
const timed = (f: ReadFilter) => Boolean(f.asOf || f.from || f.to);
/** `unit IN units` on a cells table (the cells' unit column is always business_unit_id). */
const inUnits = (p: Params, f: ReadFilter, alias: string) => (f.units ? [`${alias}.business_unit_id = ANY(${p.add(f.units)}::text[])`] : []);
/** `unit IN units` and the employees' level on a cells table keyed by level (`CellSpec.level`). */
const inCells = (p: Params, f: ReadFilter, alias: string) => [...inUnits(p, f, alias), ...(f.level ? [`${alias}.${LEVEL_KEY[0]} = ${p.add(f.level)}`] : [])];
/**
 * The same on a spread table: its people's level from the projection's levels table, looked up per
 * spread row (a scalar subquery, never turned into a join that walks the levels' index).
 */
const inSpread = (p: Params, f: ReadFilter, alias: string, levels: string) => [
  ...inUnits(p, f, alias),
  ...(f.level ? [`(SELECT lv.level FROM ${levels} lv WHERE lv.employee_id = ${alias}.person_id) = ${p.add(f.level)}`] : []),
];

/** `unit IN units` (or nothing when the caller sees all), and the employee's level when asked. */
function scoped(p: Params, f: ReadFilter, alias: string, opts: { unit?: string; employee?: string; time?: string } = {}): string[] {
  const w: string[] = [];
  if (f.units) w.push(`${alias}.${opts.unit ?? 'business_unit_id'} = ANY(${p.add(f.units)}::text[])`);
  if (f.level && opts.employee !== undefined) {
    w.push(`EXISTS (SELECT 1 FROM ${T.placements} pl WHERE pl.employee_id = ${alias}.${opts.employee} AND pl.valid_to IS NULL AND pl.level = ${p.add(f.level)})`);
  }
  if (opts.time) {
    if (f.asOf) w.push(`${alias}.${opts.time} <= ${p.add(f.asOf)}::timestamptz`);
    if (f.from) w.push(`${alias}.${opts.time} >= ${p.add(f.from)}::timestamptz`);
    if (f.to) w.push(`${alias}.${opts.time} < ${p.add(f.to)}::timestamptz`);
  }
  return w;
}
const whereOf = (w: string[]) => (w.length ? `WHERE ${w.join(' AND ')}` : '');
/** The filter without its time window: what is left for a read of windowed cells to filter by. */
const untimed = (f: ReadFilter): ReadFilter => ({ ...f, asOf: undefined, from: undefined, to: undefined });

/** The appraisal filter on the facts, or on cells (`cells`: units and level on the cells' keys; a window is the cells' own, `timedCells`). */
function appraisalWhere(p: Params, f: ReadFilter, alias = 'a', opts: { cycle?: boolean; cells?: boolean } = {}): string[] {
  opts = { cycle: true, ...opts };
  const w = opts.cells ? inCells(p, f, alias) : scoped(p, f, alias, { employee: 'employee_id', time: 'finalized_at' });
  if (opts.cycle && f.cycleId) w.push(`${alias}.cycle_id = ${p.add(f.cycleId)}`);
  if (opts.cycle && f.period) w.push(`${alias}.period = ${p.add(f.period)}`);
  if (f.band) w.push(`${alias}.rating_band = ${p.add(f.band)}`);
  return w;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const round = (v: unknown, digits = 1) => (v === null || v === undefined ? null : Math.round(Number(v) * 10 ** digits) / 10 ** digits);

export interface BandCount {
  band: string;
  rank: number;
  appraisals: number;
  sharePercent: number | null;
  meanScore: number | null;
  meanGoalAttainment: number | null;
}
export interface Distribution {
  total: number;
  meanScore: number | null;
  meanGoalAttainment: number | null;
  bands: BandCount[];
}
export interface HeatCell {
  businessUnitId: string;
  band: string;
  rank: number;
  appraisals: number;
}
export interface NineBox {
  cells: { performance: string; potential: string; appraisals: number }[];
  unplaced: number;
}
export interface TimelineEntry {
  eventId: string;
  context: string;
  type: string;
  occurredAt: string;
  businessUnitId: string | null;
  correlationId: string;
  causationId: string | null;
  facts: Record<string, unknown>;
}

/** The L4 columns of a program: mean score change (points) of trained and untrained peers, and the difference. */
const l4Of = (r: Record<string, unknown> | undefined) => {
  const trainedChange = r ? round(r.trained_change) : null;
  const untrainedChange = r ? round(r.untrained_change) : null;
  return {
    l4Trained: r ? Number(r.trained) : 0,
    l4TrainedChange: trainedChange,
    l4Untrained: r ? Number(r.untrained) : null,
    l4UntrainedChange: untrainedChange,
    l4Effect: trainedChange !== null && untrainedChange !== null ? round(trainedChange - untrainedChange) : null,
  };
};

/** Sortable columns of each row export, by API name. */
/**
 * The appraisal page's sort keys. Ties go by appraisal id in the same direction, so one index per
 * key (`appraisal_results_page_*`: cycle, key, id; read forwards or backwards) hands a cycle's page
 * over in order and the page reads the rows it returns, not the cycle's.
 */
export const APPRAISAL_SORTS: Record<string, string> = {
  finalizedAt: 'finalized_at',
  score: 'score',
  band: 'rating_band_rank',
  businessUnitId: 'business_unit_id',
  employeeId: 'employee_id',
  goalAttainment: 'goal_attainment',
};

/** The dashboards' reads, plain SQL over schema `read_model` (docs/read-models.md shows the same SQL). */
export class DashboardQueries {
  private readonly cells: boolean;
  /** `cells: false` answers every query from the facts (the reference the cells are tested against). */
  constructor(
    private readonly db: DataSource,
    opts: { cells?: boolean } = {},
  ) {
    this.cells = opts.cells ?? true;
  }

  /** A timed cells table as the filter's window sees it: the table, or the windowed subquery (`windowedCells`). */
  private timedCells(spec: CellSpec, f: ReadFilter, p: Params): string {
    // The read's units and level go inside too: only the cells and scopes in scope are looked at.
    return timed(f) ? windowedCells(spec, f, (v) => p.add(v), { level: Boolean(f.level), where: inCells(p, f, 'c') }) : spec.table;
  }

  /** The unit and every unit below it (the filter's subtree), parents first; cycles in the tree stop. */
  async subtree(root: string): Promise<{ businessUnitId: string; name: string | null; parentId: string | null; depth: number }[]> {
    const rows = await this.db.query(
      `WITH RECURSIVE tree AS (
         SELECT business_unit_id, name, parent_id, 0 AS depth, ARRAY[business_unit_id] AS path FROM ${T.units} WHERE business_unit_id = $1
         UNION ALL
         SELECT c.business_unit_id, c.name, c.parent_id, t.depth + 1, t.path || c.business_unit_id
           FROM tree t JOIN ${T.units} c ON c.parent_id = t.business_unit_id WHERE NOT c.business_unit_id = ANY(t.path))
       SELECT business_unit_id, name, parent_id, depth FROM tree ORDER BY depth, name, business_unit_id`,
      [root],
    );
    return rows.map((r: Record<string, unknown>) => ({ businessUnitId: r.business_unit_id, name: r.name, parentId: r.parent_id, depth: Number(r.depth) }));
  }

  /** Root units (no parent, or a parent not known): where an org-wide reader starts. */
  async roots(): Promise<string[]> {
    const rows = await this.db.query(
      `SELECT u.business_unit_id FROM ${T.units} u LEFT JOIN ${T.units} p ON p.business_unit_id = u.parent_id WHERE p.business_unit_id IS NULL ORDER BY u.name, u.business_unit_id`,
    );
    return rows.map((r: { business_unit_id: string }) => r.business_unit_id);
  }

  /** Headcount per unit and level, as of a date (valid_from <= asOf < valid_to) or now. */
  headcountStatement(f: ReadFilter): Statement {
    const p = new Params();
    if (this.cells && !f.asOf) {
      const w = inUnits(p, f, 'c');
      if (f.level) w.push(`c.level = ${p.add(f.level)}`);
      return {
        sql: `SELECT c.business_unit_id, c.level, sum(c.headcount)::int AS headcount FROM ${C.headcount} c ${whereOf(w)} GROUP BY 1, 2 ORDER BY 1, 2`,
        params: p.values,
      };
    }
    if (this.cells) {
      // As of a date: per unit, the snapshot at the start of its latest month with a move up to the
      // date (one index probe), then the arrivals and departures since that month's start (the
      // placements of one month). Nothing moved in the unit between that month and the date's.
      const at = `${p.add(f.asOf)}::timestamptz`;
      const level = f.level ? p.add(f.level) : null;
      const units = f.units ? `WHERE u.business_unit_id = ANY(${p.add(f.units)}::text[])` : '';
      return {
        sql: `WITH last AS (SELECT u.business_unit_id, m.month
                              FROM ${HEADCOUNT_TABLES.units} u
                              CROSS JOIN LATERAL (SELECT max(hm.month) AS month FROM ${HEADCOUNT_TABLES.months} hm
                                                   WHERE hm.business_unit_id = u.business_unit_id AND hm.month <= ${monthStart(at)}) m
                             ${units ? `${units} AND` : 'WHERE'} m.month IS NOT NULL),
                   base AS (SELECT c.business_unit_id, c.level, c.headcount FROM last JOIN ${HEADCOUNT_TABLES.snapshots} c USING (business_unit_id, month)
                             ${level ? `WHERE c.level = ${level}` : ''}),
                   moves AS (SELECT last.business_unit_id, x.level, x.headcount FROM last CROSS JOIN LATERAL (
                               SELECT COALESCE(pl.level, 'unknown') AS level,
                                      count(*) FILTER (WHERE pl.valid_from > last.month AND pl.valid_from <= ${at})
                                      - count(*) FILTER (WHERE pl.valid_to > last.month AND pl.valid_to <= ${at}) AS headcount
                                 FROM ${T.placements} pl
                                WHERE pl.business_unit_id = last.business_unit_id
                                  AND ((pl.valid_from > last.month AND pl.valid_from <= ${at}) OR (pl.valid_to > last.month AND pl.valid_to <= ${at}))
                                  ${level ? `AND pl.level = ${level}` : ''}
                                GROUP BY 1) x)
              SELECT business_unit_id, level, sum(headcount)::int AS headcount FROM (SELECT * FROM base UNION ALL SELECT * FROM moves) x
               GROUP BY 1, 2 HAVING sum(headcount) > 0 ORDER BY 1, 2`,
        params: p.values,
      };
    }
    const w = f.units ? [`pl.business_unit_id = ANY(${p.add(f.units)}::text[])`] : ['pl.business_unit_id IS NOT NULL'];
    if (f.asOf) {
      const at = p.add(f.asOf);
      w.push(`pl.valid_from <= ${at}::timestamptz AND (pl.valid_to IS NULL OR pl.valid_to > ${at}::timestamptz)`);
    } else w.push('pl.valid_to IS NULL');
    if (f.level) w.push(`pl.level = ${p.add(f.level)}`);
    return {
      sql: `SELECT pl.business_unit_id, COALESCE(pl.level, 'unknown') AS level, count(*)::int AS headcount
              FROM ${T.placements} pl ${whereOf(w)} GROUP BY 1, 2 ORDER BY 1, 2`,
      params: p.values,
    };
  }

  async headcount(f: ReadFilter) {
    const s = this.headcountStatement(f);
    const rows: { business_unit_id: string; level: string; headcount: number }[] = await this.db.query(s.sql, s.params);
    const byLevel: Record<string, number> = {};
    const byUnit: Record<string, Record<string, number>> = {};
    for (const r of rows) {
      byLevel[r.level] = (byLevel[r.level] ?? 0) + r.headcount;
      (byUnit[r.business_unit_id] ??= {})[r.level] = r.headcount;
    }
    return { total: rows.reduce((n, r) => n + r.headcount, 0), byLevel, byUnit };
  }

  /** Appraisals per band (count, share, mean score, mean goal attainment) with the overall summary. */
  async ratingDistribution(f: ReadFilter): Promise<Distribution> {
    const p = new Params();
    // numeric sum / count is what avg() computes, digit for digit.
    const rows = await this.db.query(
      this.cells
        ? `SELECT a.rating_band AS band, a.rating_band_rank AS rank, sum(a.n)::int AS n, sum(a.score_sum) / sum(a.n) AS score, sum(a.goal_sum) / NULLIF(sum(a.goal_n), 0) AS goals
             FROM ${this.timedCells(CELLS.appraisalBands, f, p)} a ${whereOf(appraisalWhere(p, untimed(f), 'a', { cells: true }))} GROUP BY 1, 2 ORDER BY 2 DESC, 1`
        : `SELECT a.rating_band AS band, a.rating_band_rank AS rank, count(*)::int AS n, avg(a.score) AS score, avg(a.goal_attainment) AS goals
             FROM ${T.results} a ${whereOf(appraisalWhere(p, f))} GROUP BY 1, 2 ORDER BY 2 DESC, 1`,
      p.values,
    );
    const total = rows.reduce((n: number, r: { n: number }) => n + r.n, 0);
    const weighted = (k: 'score' | 'goals') => {
      const known = rows.filter((r: Record<string, unknown>) => r[k] !== null);
      const n = known.reduce((s: number, r: { n: number }) => s + r.n, 0);
      return n ? round(known.reduce((s: number, r: Record<string, unknown>) => s + Number(r[k]) * (r.n as number), 0) / n) : null;
    };
    return {
      total,
      meanScore: weighted('score'),
      meanGoalAttainment: weighted('goals'),
      bands: rows.map((r: Record<string, unknown>) => ({
        band: r.band,
        rank: Number(r.rank),
        appraisals: r.n,
        sharePercent: total ? round(((r.n as number) * 100) / total) : 0,
        meanScore: round(r.score),
        meanGoalAttainment: round(r.goals),
      })),
    };
  }

  /** Per manager: appraisals in each band (the manager's leniency next to their peers'). */
  async distributionByManager(f: ReadFilter) {
    const p = new Params();
    const rows = await this.db.query(
      this.cells
        ? `SELECT a.manager_id, a.rating_band AS band, a.rating_band_rank AS rank, sum(a.n)::int AS n, sum(a.score_sum) / sum(a.n) AS score
             FROM ${this.timedCells(CELLS.appraisalManagers, f, p)} a ${whereOf(appraisalWhere(p, untimed(f), 'a', { cells: true }))} GROUP BY 1, 2, 3 ORDER BY 1, 3 DESC`
        : `SELECT COALESCE(a.manager_id, '(none)') AS manager_id, a.rating_band AS band, a.rating_band_rank AS rank, count(*)::int AS n, avg(a.score) AS score
             FROM ${T.results} a ${whereOf(appraisalWhere(p, f))} GROUP BY 1, 2, 3 ORDER BY 1, 3 DESC`,
      p.values,
    );
    const managers = new Map<string, { managerId: string; appraisals: number; bands: Record<string, number>; meanScore: number | null; sum: number }>();
    for (const r of rows) {
      const m = managers.get(r.manager_id) ?? { managerId: r.manager_id, appraisals: 0, bands: {} as Record<string, number>, meanScore: null, sum: 0 };
      m.appraisals += r.n;
      m.bands[r.band] = r.n;
      m.sum += Number(r.score) * r.n;
      managers.set(r.manager_id, m);
    }
    return [...managers.values()].map(({ sum, ...m }) => ({ ...m, meanScore: round(sum / m.appraisals) }));
  }

  /** Unit × band: each child of `root` with its whole subtree rolled up (root's own people as root). */
  async heatmap(f: ReadFilter, root: string | null): Promise<HeatCell[]> {
    const p = new Params();
    const branch = root
      ? `WITH RECURSIVE tree AS (
           SELECT business_unit_id AS branch, business_unit_id AS id, ARRAY[business_unit_id] AS path FROM ${T.units} WHERE parent_id = ${p.add(root)}
           UNION ALL SELECT t.branch, c.business_unit_id, t.path || c.business_unit_id FROM tree t JOIN ${T.units} c ON c.parent_id = t.id WHERE NOT c.business_unit_id = ANY(t.path)
         ), branches AS (SELECT branch, id FROM tree UNION ALL SELECT ${p.add(root)}, ${p.add(root)})`
      : `WITH branches AS (SELECT business_unit_id AS branch, business_unit_id AS id FROM ${T.units})`;
    const cells = this.cells;
    const rows = await this.db.query(
      `${branch}
       SELECT b.branch AS business_unit_id, a.rating_band AS band, a.rating_band_rank AS rank, ${cells ? 'sum(a.n)::int' : 'count(*)::int'} AS n
         FROM ${cells ? this.timedCells(CELLS.appraisalBands, f, p) : T.results} a JOIN branches b ON b.id = a.business_unit_id ${whereOf(appraisalWhere(p, cells ? untimed(f) : f, 'a', { cells }))}
        GROUP BY 1, 2, 3 ORDER BY 1, 3 DESC`,
      p.values,
    );
    return rows.map((r: Record<string, unknown>) => ({ businessUnitId: r.business_unit_id, band: r.band, rank: Number(r.rank), appraisals: r.n }));
  }

  /**
   * The 9-box: performance (bands split in thirds by rank: low, medium, high) × potential. Appraisals
   * without a potential (finalized before v2) are counted as unplaced, not guessed.
   */
  async nineBox(f: ReadFilter): Promise<NineBox> {
    const p = new Params();
    const fromCells = this.cells;
    // The top rank is one read of the rank index, whatever the history.
    const rows = await this.db.query(
      `WITH a AS (SELECT a.* FROM ${fromCells ? this.timedCells(CELLS.appraisalBoxes, f, p) : T.results} a ${whereOf(appraisalWhere(p, fromCells ? untimed(f) : f, 'a', { cells: fromCells }))}),
            top AS (SELECT max(rating_band_rank) AS m FROM ${T.results})
       SELECT CASE WHEN a.rating_band_rank * 3 <= top.m THEN 'low' WHEN a.rating_band_rank * 3 <= top.m * 2 THEN 'medium' ELSE 'high' END AS performance,
              COALESCE(a.potential, 'unplaced') AS potential, ${fromCells ? 'sum(a.n)::int' : 'count(*)::int'} AS n
         FROM a CROSS JOIN top GROUP BY 1, 2`,
      p.values,
    );
    const cells = rows.filter((r: { potential: string }) => r.potential !== 'unplaced').map((r: Record<string, unknown>) => ({ performance: r.performance, potential: r.potential, appraisals: r.n }));
    const unplaced = rows.filter((r: { potential: string }) => r.potential === 'unplaced').reduce((n: number, r: { n: number }) => n + r.n, 0);
    return { cells, unplaced };
  }

  /** Calibration moves: from → to band per unit and per calibrator. */
  async calibrationShifts(f: ReadFilter) {
    const p = new Params();
    const cells = this.cells;
    const w = cells ? inCells(p, f, 's') : scoped(p, f, 's', { employee: 'employee_id', time: 'calibrated_at' });
    if (f.cycleId) w.push(`s.cycle_id = ${p.add(f.cycleId)}`);
    const rows = await this.db.query(
      `SELECT s.from_band, s.to_band, s.calibrated_by, s.business_unit_id, ${cells ? 'sum(s.n)::int' : 'count(*)::int'} AS n
         FROM ${cells ? this.timedCells(CELLS.calibrationShifts, f, p) : T.shifts} s ${whereOf(w)}
        GROUP BY 1, 2, 3, 4 ORDER BY n DESC, 1, 2, 3, 4`,
      p.values,
    );
    const sum = (key: (r: Record<string, unknown>) => string) => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.n);
      return [...m.entries()].map(([k, n]) => ({ key: k, shifts: n }));
    };
    return {
      total: rows.reduce((n: number, r: { n: number }) => n + r.n, 0),
      moves: sum((r) => `${r.from_band} → ${r.to_band}`).map(({ key, shifts }) => ({ fromBand: key.split(' → ')[0], toBand: key.split(' → ')[1], shifts })),
      byCalibrator: sum((r) => r.calibrated_by as string).map(({ key, shifts }) => ({ calibratedBy: key, shifts })),
      byUnit: sum((r) => (r.business_unit_id as string) ?? '(unknown)').map(({ key, shifts }) => ({ businessUnitId: key, shifts })),
    };
  }

  /** How many appraisals of the cycle reached each stage (counts of employees). */
  async completionByStage(f: ReadFilter) {
    if (this.cells) {
      const c = new Params();
      const w = inCells(c, f, 's');
      if (f.cycleId) w.push(`s.cycle_id = ${c.add(f.cycleId)}`);
      if (!f.asOf) {
        const sum = (k: string) => `COALESCE(sum(s.${k}), 0)::int AS ${k}`;
        const [r] = await this.db.query(`SELECT ${['total', ...STAGE_COUNTS.map(([n]) => n)].map(sum).join(', ')} FROM ${C.stages} s ${whereOf(w)}`, c.values);
        return r as Record<'total' | 'self' | 'manager' | 'calibration' | 'finalized' | 'acknowledged' | 'disputed', number>;
      }
      // As of a date: a cell's stage counts whole when the date is past the stage's instants, not at
      // all when before them; a cell the date falls inside a stage's range of has its stage rows read.
      const at = `${c.add(f.asOf)}::timestamptz`;
      const cutAny = STAGE_COUNTS.map(([n]) => `(s.${n}_min <= ${at} AND s.${n}_max > ${at})`).join(' OR ');
      const [r] = await this.db.query(
        `WITH s AS (SELECT s.*, COALESCE(${cutAny}, false) AS cut FROM ${C.stages} s ${whereOf(w)}),
              cut AS MATERIALIZED (SELECT business_unit_id, cycle_id, ${LEVEL_KEY[0]} FROM s WHERE s.cut),
              x AS (SELECT ${STAGE_COUNTS.map(([n, col]) => `count(*) FILTER (WHERE r.${col} <= ${at}) AS ${n}`).join(', ')}
                      FROM cut JOIN ${T.stages} r ON r.cycle_id = cut.cycle_id AND r.business_unit_id IS NOT DISTINCT FROM cut.business_unit_id
                      LEFT JOIN ${LEVELS.stages} lv ON lv.employee_id = r.employee_id
                     WHERE lv.level IS NOT DISTINCT FROM cut.${LEVEL_KEY[0]})
         SELECT COALESCE(sum(s.total), 0)::int AS total,
                ${STAGE_COUNTS.map(([n]) => `(COALESCE(sum(s.${n}) FILTER (WHERE NOT s.cut AND s.${n}_max <= ${at}), 0) + (SELECT ${n} FROM x))::int AS ${n}`).join(', ')}
           FROM s`,
        c.values,
      );
      return r as Record<'total' | 'self' | 'manager' | 'calibration' | 'finalized' | 'acknowledged' | 'disputed', number>;
    }
    const p = new Params();
    const w = scoped(p, f, 's', { employee: 'employee_id' });
    if (f.cycleId) w.push(`s.cycle_id = ${p.add(f.cycleId)}`);
    const at = f.asOf ? p.add(f.asOf) : null;
    const reached = (c: string) => (at ? `count(*) FILTER (WHERE s.${c} <= ${at}::timestamptz)::int` : `count(s.${c})::int`);
    const [r] = await this.db.query(
      `SELECT count(*)::int AS total, ${reached('self_at')} AS self, ${reached('manager_at')} AS manager, ${reached('calibrated_at')} AS calibration,
              ${reached('finalized_at')} AS finalized, ${reached('acknowledged_at')} AS acknowledged, ${reached('disputed_at')} AS disputed
         FROM ${T.stages} s ${whereOf(w)}`,
      p.values,
    );
    return r as Record<'total' | 'self' | 'manager' | 'calibration' | 'finalized' | 'acknowledged' | 'disputed', number>;
  }

  /** Across cycles (periods): appraisals per band and mean score; the cycle filter does not apply. */
  async trend(f: ReadFilter) {
    const p = new Params();
    const rows = await this.db.query(
      this.cells
        ? `SELECT a.period, a.rating_band AS band, a.rating_band_rank AS rank, sum(a.n)::int AS n, sum(a.score_sum) / sum(a.n) AS score
             FROM ${this.timedCells(CELLS.appraisalBands, f, p)} a ${whereOf(appraisalWhere(p, untimed(f), 'a', { cycle: false, cells: true }))} GROUP BY 1, 2, 3 ORDER BY 1, 3 DESC`
        : `SELECT a.period, a.rating_band AS band, a.rating_band_rank AS rank, count(*)::int AS n, avg(a.score) AS score
             FROM ${T.results} a ${whereOf(appraisalWhere(p, f, 'a', { cycle: false }))} GROUP BY 1, 2, 3 ORDER BY 1, 3 DESC`,
      p.values,
    );
    const periods = new Map<string, { period: string; appraisals: number; bands: Record<string, number>; sum: number }>();
    for (const r of rows) {
      const x = periods.get(r.period) ?? { period: r.period, appraisals: 0, bands: {} as Record<string, number>, sum: 0 };
      x.appraisals += r.n;
      x.bands[r.band] = r.n;
      x.sum += Number(r.score) * r.n;
      periods.set(r.period, x);
    }
    return [...periods.values()].map(({ sum, ...x }) => ({ ...x, meanScore: round(sum / x.appraisals) }));
  }

  /** Every finalized appraisal matching the filter, one row each: the analysts' export. */
  appraisalRowsStatement(f: ReadFilter, page: Page | null): Statement {
    const p = new Params();
    const sort = APPRAISAL_SORTS[page?.sort ?? 'finalizedAt'] ?? 'finalized_at';
    const order = page?.order === 'asc' ? 'ASC' : 'DESC';
    // limit 0: every row (a streamed export), still in the asked order.
    const limit = page && page.limit > 0 ? ` LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}` : '';
    return {
      sql: `SELECT a.appraisal_id, a.cycle_id, a.period, a.employee_id, a.business_unit_id, a.manager_id, a.score, a.rating_band, a.rating_band_rank,
                   a.potential, a.goal_attainment, a.competency_gap_count, a.finalized_at
              FROM ${T.results} a ${whereOf(appraisalWhere(p, f))} ORDER BY a.${sort} ${order}, a.appraisal_id ${order}${limit}`,
      params: p.values,
    };
  }

  async appraisalRows(f: ReadFilter, page: Page) {
    const s = this.appraisalRowsStatement(f, page);
    const c = new Params();
    const [{ n }] = await this.db.query(
      this.cells
        ? `SELECT COALESCE(sum(a.n), 0)::int AS n FROM ${this.timedCells(CELLS.appraisalBands, f, c)} a ${whereOf(appraisalWhere(c, untimed(f), 'a', { cells: true }))}`
        : `SELECT count(*)::int AS n FROM ${T.results} a ${whereOf(appraisalWhere(c, f))}`,
      c.values,
    );
    return { total: n, items: await this.db.query(s.sql, s.params) };
  }

  /** Needs by competency and source (open, met), completions and enrolments per program, L1-L3 per program. */
  async training(f: ReadFilter) {
    const cells = this.cells;
    const p1 = new Params();
    const nw = cells ? inCells(p1, f, 'n') : scoped(p1, f, 'n', { employee: 'employee_id', time: 'identified_at' });
    const needs = await this.db.query(
      cells
        ? `SELECT n.competency, n.source, sum(n.open)::int AS open, sum(n.met)::int AS met FROM ${this.timedCells(CELLS.trainingNeeds, f, p1)} n ${whereOf(nw)} GROUP BY 1, 2 ORDER BY open DESC, 1, 2`
        : `SELECT n.competency, COALESCE(n.source, 'unknown') AS source, count(*) FILTER (WHERE n.status = 'open')::int AS open,
                  count(*) FILTER (WHERE n.status = 'met')::int AS met
             FROM ${T.needs} n ${whereOf(nw)} GROUP BY 1, 2 ORDER BY open DESC, 1, 2`,
      p1.values,
    );
    const p2 = new Params();
    const cw = cells ? inCells(p2, f, 'c') : scoped(p2, f, 'c', { employee: 'employee_id', time: 'completed_at' });
    const sw = cells ? inSpread(p2, f, 's', LEVELS.training) : [];
    const ew = cells ? inCells(p2, f, 'e') : scoped(p2, f, 'e', { employee: 'employee_id', time: 'enrolled_at' });
    // People are distinct per unit in the cells; the spread rows take back each person counted in
    // more than one unit in scope (in a window: the units of their completions inside it, read for
    // those people only).
    const extra = !cells
      ? ''
      : timed(f)
      ? `SELECT program_id, sum(k - 1) AS extra
           FROM (SELECT d.program_id, d.employee_id, count(DISTINCT d.business_unit_id) AS k FROM ${T.completions} d
                  ${whereOf([`d.employee_id = ANY(ARRAY(SELECT DISTINCT s.person_id FROM ${C.completionSpread} s ${whereOf(sw)}))`, ...scoped(p2, { ...f, level: undefined }, 'd', { time: 'completed_at' })])}
                  GROUP BY 1, 2) d GROUP BY 1`
      : `SELECT program_id, sum(k - 1) AS extra FROM (SELECT s.program_id, s.person_id, count(*) AS k FROM ${C.completionSpread} s ${whereOf(sw)} GROUP BY 1, 2) d GROUP BY 1`;
    const programs = await this.db.query(
      cells
        ? `WITH c AS (SELECT c.program_id, sum(c.completed)::int AS completed, sum(c.exam_sum) / NULLIF(sum(c.exam_n), 0) AS exam, sum(c.people) AS people
                        FROM ${this.timedCells(CELLS.trainingCompletions, f, p2)} c ${whereOf(cw)} GROUP BY 1),
                x AS (${extra}),
                e AS (SELECT e.program_id, sum(e.enrolled)::int AS enrolled FROM ${this.timedCells(CELLS.trainingEnrolments, f, p2)} e ${whereOf(ew)} GROUP BY 1)
           SELECT c.program_id, c.completed, (c.people - COALESCE(x.extra, 0))::int AS people, c.exam, e.enrolled
             FROM c LEFT JOIN x USING (program_id) LEFT JOIN e USING (program_id) ORDER BY c.completed DESC, 1`
        : `WITH c AS (SELECT c.program_id, count(*)::int AS completed, avg(c.exam_score) AS exam, count(DISTINCT c.employee_id)::int AS people
                    FROM ${T.completions} c ${whereOf(cw)} GROUP BY 1),
            e AS (SELECT c2.program_id, count(*)::int AS enrolled FROM ${T.enrolments} e JOIN (SELECT DISTINCT session_id, program_id FROM ${T.completions}) c2 USING (session_id)
                   ${whereOf([...ew, 'e.withdrawn_at IS NULL'])} GROUP BY 1)
       SELECT c.program_id, c.completed, c.people, c.exam, e.enrolled FROM c LEFT JOIN e USING (program_id) ORDER BY c.completed DESC, 1`,
      p2.values,
    );
    const p3 = new Params();
    const vw = cells ? inCells(p3, f, 'v') : scoped(p3, f, 'v', { employee: 'employee_id', time: 'recorded_at' });
    const levels = await this.db.query(
      cells
        ? `SELECT v.program_id, v.level, sum(v.value_sum) / sum(v.n) AS mean, sum(v.n)::int AS n FROM ${this.timedCells(CELLS.trainingEvaluations, f, p3)} v ${whereOf(vw)} GROUP BY 1, 2 ORDER BY 1, 2`
        : `SELECT v.program_id, v.level, avg(v.value) AS mean, count(*)::int AS n FROM ${T.evaluations} v ${whereOf(vw)} GROUP BY 1, 2 ORDER BY 1, 2`,
      p3.values,
    );
    const kirkpatrick = new Map<string, { programId: string; l1: number | null; l2: number | null; l3: number | null; evaluations: number }>();
    for (const r of levels) {
      const k = kirkpatrick.get(r.program_id) ?? { programId: r.program_id, l1: null, l2: null, l3: null, evaluations: 0 };
      k[`l${r.level}` as 'l1'] = round(r.mean, 2);
      k.evaluations += r.n;
      kirkpatrick.set(r.program_id, k);
    }
    // L4: score change between each employee's last two appraisals, trained (completed the program
    // at or before the later appraisal) against untrained peers; an employee counts in the unit of
    // the later appraisal (ADR 0031). Cells per unit and per unit × program; the facts rank every
    // appraisal of every employee (the reference, and the `level` filter).
    const p4 = new Params();
    const l4 = await this.db.query(
      // L4 takes no time window: only `level` sends it to the facts.
      this.cells
        ? `WITH total AS (SELECT COALESCE(sum(u.n), 0)::int AS n, sum(u.change_sum) AS s FROM ${C.effectUnits} u ${whereOf(inCells(p4, f, 'u'))}),
                trained AS (SELECT t.program_id, sum(t.n)::int AS n, sum(t.change_sum) AS s FROM ${C.effectPrograms} t ${whereOf(inCells(p4, f, 't'))} GROUP BY 1)
           SELECT t.program_id, t.n AS trained, t.s / t.n AS trained_change, total.n - t.n AS untrained,
                  CASE WHEN total.n > t.n THEN (total.s - t.s) / (total.n - t.n) END AS untrained_change
             FROM trained t CROSS JOIN total`
        : `WITH ranked AS (SELECT a.employee_id, a.business_unit_id, a.score, a.finalized_at,
                                  row_number() OVER (PARTITION BY a.employee_id ORDER BY a.period DESC, a.finalized_at DESC, a.appraisal_id DESC) AS rn
                             FROM ${T.results} a),
                pairs AS (SELECT l.employee_id, l.score - p.score AS change, l.finalized_at FROM ranked l JOIN ranked p ON p.employee_id = l.employee_id AND p.rn = 2
                           ${whereOf(['l.rn = 1', ...scoped(p4, f, 'l', { employee: 'employee_id' })])}),
                total AS (SELECT count(*)::int AS n, sum(change) AS s FROM pairs),
                trained AS (SELECT program_id, count(*)::int AS n, sum(change) AS s
                              FROM (SELECT DISTINCT c.program_id, x.employee_id, x.change FROM pairs x
                                      JOIN ${T.completions} c ON c.employee_id = x.employee_id AND c.completed_at <= x.finalized_at) d
                             GROUP BY 1)
           SELECT t.program_id, t.n AS trained, t.s / t.n AS trained_change, total.n - t.n AS untrained,
                  CASE WHEN total.n > t.n THEN (total.s - t.s) / (total.n - t.n) END AS untrained_change
             FROM trained t CROSS JOIN total`,
      p4.values,
    );
    // Spend against the approved budget, per plan of the units in scope (period = the plan's).
    const p5 = new Params();
    const bw = scoped(p5, f, 'b');
    if (f.period) bw.push(`b.period = ${p5.add(f.period)}`);
    const budgets = await this.db.query(
      `SELECT b.plan_id, b.business_unit_id, b.period, b.currency, b.approved_budget, COALESCE(b.spent_total, 0) AS spent
         FROM ${T.budgets} b ${whereOf([...bw, 'b.approved_budget IS NOT NULL'])} ORDER BY b.period DESC NULLS LAST, b.business_unit_id, b.plan_id LIMIT 500`,
      p5.values,
    );
    const effect = new Map<string, Record<string, unknown>>(l4.map((r: Record<string, unknown>) => [r.program_id as string, r]));
    const completed = programs.reduce((n: number, r: { completed: number }) => n + r.completed, 0);
    return {
      completions: completed,
      needs: needs.map((r: Record<string, unknown>) => ({ competency: r.competency, source: r.source, open: r.open, met: r.met })),
      programs: programs.map((r: Record<string, unknown>) => ({
        programId: r.program_id,
        completed: r.completed,
        people: r.people,
        enrolled: num(r.enrolled),
        completionPercent: r.enrolled ? round(((r.completed as number) * 100) / Number(r.enrolled)) : null,
        meanExamScore: round(r.exam),
        ...l4Of(effect.get(r.program_id as string)),
      })),
      kirkpatrick: [...kirkpatrick.values()],
      budgets: budgets.map((r: Record<string, unknown>) => ({
        planId: r.plan_id,
        businessUnitId: r.business_unit_id,
        period: r.period,
        currency: r.currency,
        approvedBudget: num(r.approved_budget),
        spent: num(r.spent),
        spentPercent: Number(r.approved_budget) > 0 ? round((Number(r.spent) * 100) / Number(r.approved_budget)) : null,
      })),
    };
  }

  /** Coverage (coachees / headcount), sessions per month, on-time monthly reviews, plan outcomes. */
  async coaching(f: ReadFilter) {
    const cells = this.cells;
    const p = new Params();
    const ew = cells ? inCells(p, f, 'g') : scoped(p, f, 'g', { employee: 'coachee_id', time: 'started_at' });
    // Active coachees are distinct per unit in the cells; the spread rows take back each one active
    // in more than one unit in scope (in a window: the units of their engagements started inside it).
    const spread = cells ? inSpread(p, f, 's', LEVELS.coaching) : [];
    const extra = !cells
      ? ''
      : timed(f)
      ? `SELECT COALESCE(sum(k - 1), 0) FROM (SELECT d.coachee_id, count(DISTINCT d.business_unit_id) AS k FROM ${T.engagements} d
           ${whereOf([`d.coachee_id = ANY(ARRAY(SELECT DISTINCT s.person_id FROM ${C.coacheeSpread} s ${whereOf(spread)}))`, 'd.closed_at IS NULL', ...scoped(p, { ...f, level: undefined }, 'd', { time: 'started_at' })])}
           GROUP BY 1) d`
      : `SELECT COALESCE(sum(k - 1), 0) FROM (SELECT s.person_id, count(*) AS k FROM ${C.coacheeSpread} s ${whereOf(spread)} GROUP BY 1) d`;
    const [cov] = await this.db.query(
      cells
        ? `SELECT (COALESCE(sum(g.active_coachees), 0) - (${extra}))::int AS active, COALESCE(sum(g.engagements), 0)::int AS engagements
             FROM ${this.timedCells(CELLS.coachingEngagements, f, p)} g ${whereOf(ew)}`
        : `SELECT count(DISTINCT g.coachee_id) FILTER (WHERE g.closed_at IS NULL)::int AS active, count(*)::int AS engagements FROM ${T.engagements} g ${whereOf(ew)}`,
      p.values,
    );
    const head = await this.headcount({ ...f, asOf: undefined });
    const ps = new Params();
    const sw = cells ? inCells(ps, f, 's') : scoped(ps, f, 's', { employee: 'coachee_id', time: 'held_at' });
    const sessions = await this.db.query(
      cells
        ? `SELECT s.month, sum(s.n)::int AS n, sum(s.minutes) AS minutes FROM ${this.timedCells(CELLS.coachingSessions, f, ps)} s ${whereOf(sw)} GROUP BY 1 ORDER BY 1`
        : `SELECT to_char(date_trunc('month', s.held_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, count(*)::int AS n, sum(s.duration_minutes) AS minutes
             FROM ${T.sessions} s ${whereOf(sw)} GROUP BY 1 ORDER BY 1`,
      ps.values,
    );
    // The reviews take no time window: only the level sends them to the facts.
    const reviewCells = this.cells;
    const pr = new Params();
    const rw = reviewCells ? inCells(pr, f, 'r') : scoped(pr, f, 'r', { employee: 'employee_id' });
    const reviews = await this.db.query(
      reviewCells
        ? `SELECT r.month, sum(r.on_time)::int AS on_time, sum(r.late)::int AS late, sum(r.overdue)::int AS overdue FROM ${C.reviews} r ${whereOf(rw)} GROUP BY 1 ORDER BY 1`
        : `SELECT r.month, count(*) FILTER (WHERE r.on_time)::int AS on_time, count(*) FILTER (WHERE r.submitted_at IS NOT NULL AND NOT r.on_time)::int AS late,
                  count(*) FILTER (WHERE r.submitted_at IS NULL AND r.overdue_at IS NOT NULL)::int AS overdue
             FROM ${T.reviews} r ${whereOf(rw)} GROUP BY 1 ORDER BY 1`,
      pr.values,
    );
    const pp = new Params();
    const plw = cells ? inCells(pp, f, 'x') : scoped(pp, f, 'x', { employee: 'employee_id', time: 'opened_at' });
    const plans = await this.db.query(
      cells
        ? `SELECT x.outcome, sum(x.n)::int AS n FROM ${this.timedCells(CELLS.improvementPlans, f, pp)} x ${whereOf(plw)} GROUP BY 1 ORDER BY 1`
        : `SELECT COALESCE(x.outcome, 'open') AS outcome, count(*)::int AS n FROM ${T.plans} x ${whereOf(plw)} GROUP BY 1 ORDER BY 1`,
      pp.values,
    );
    return {
      coachees: cov.active,
      engagements: cov.engagements,
      headcount: head.total,
      coveragePercent: head.total ? round((cov.active * 100) / head.total) : null,
      sessionsPerMonth: sessions.map((r: Record<string, unknown>) => ({ month: r.month, sessions: r.n, hours: round(Number(r.minutes) / 60) })),
      monthlyReviews: reviews.map((r: Record<string, unknown>) => ({ month: r.month, onTime: r.on_time, late: r.late, overdue: r.overdue })),
      improvementPlans: plans.map((r: Record<string, unknown>) => ({ outcome: r.outcome, plans: r.n })),
    };
  }

  /** Per policy: proposed, approved, granted and paid amounts, on-time payments (credibility), measured incentive effect. */
  async rewards(f: ReadFilter) {
    // The proposals take no time window: only the level sends them to the facts.
    const proposalCells = this.cells;
    const p = new Params();
    const w = proposalCells ? inCells(p, f, 'r') : scoped(p, f, 'r', { employee: 'employee_id' });
    if (f.cycleId) w.push(`r.cycle_id = ${p.add(f.cycleId)}`);
    const proposals = await this.db.query(
      proposalCells
        ? `SELECT r.policy_id, r.currency, sum(r.n)::int AS n, sum(r.proposed) AS proposed, sum(r.approved) AS approved, sum(r.rejected)::int AS rejected
             FROM ${C.proposals} r ${whereOf(w)} GROUP BY 1, 2 ORDER BY 1`
        : `SELECT r.policy_id, COALESCE(r.currency, '') AS currency, count(*)::int AS n, sum(r.proposed_amount) AS proposed,
                  sum(r.approved_amount) FILTER (WHERE r.status IN ('approved', 'granted')) AS approved, count(*) FILTER (WHERE r.status = 'rejected')::int AS rejected
             FROM ${T.proposals} r ${whereOf(w)} GROUP BY 1, 2 ORDER BY 1`,
      p.values,
    );
    const grantCells = this.cells;
    const pg = new Params();
    const gw = grantCells ? inCells(pg, f, 'g') : scoped(pg, f, 'g', { employee: 'employee_id', time: 'granted_at' });
    const grants = await this.db.query(
      grantCells
        ? `SELECT g.policy_id, sum(g.n)::int AS n, sum(g.granted) AS granted, sum(g.paid) AS paid, sum(g.on_time)::int AS on_time, sum(g.paid_n)::int AS paid_n
             FROM ${this.timedCells(CELLS.rewardGrants, f, pg)} g ${whereOf(gw)} GROUP BY 1`
        : `SELECT g.policy_id, count(*)::int AS n, sum(g.amount) FILTER (WHERE g.revoked_at IS NULL) AS granted, sum(g.paid_amount) AS paid,
                  count(*) FILTER (WHERE g.paid_on_time)::int AS on_time, count(g.paid_on)::int AS paid_n
             FROM ${T.grants} g ${whereOf(gw)} GROUP BY 1`,
      pg.values,
    );
    const pe = new Params();
    const xw = scoped(pe, f, 'x');
    if (f.cycleId) xw.push(`x.cycle_id = ${pe.add(f.cycleId)}`);
    const effects = await this.db.query(
      `SELECT x.policy_id, avg(x.expectancy) AS expectancy, avg(x.instrumentality) AS instrumentality, avg(x.valence) AS valence, avg(x.effect) AS effect, sum(x.eligible)::int AS eligible
         FROM ${T.effects} x ${whereOf(xw)} GROUP BY 1`,
      pe.values,
    );
    const byPolicy = new Map<string, Record<string, unknown>>();
    const get = (id: string) => byPolicy.get(id) ?? byPolicy.set(id, { policyId: id }).get(id)!;
    for (const r of proposals) Object.assign(get(r.policy_id), { currency: r.currency, proposals: r.n, proposedAmount: num(r.proposed), approvedAmount: num(r.approved) ?? 0, rejected: r.rejected });
    for (const r of grants)
      Object.assign(get(r.policy_id), {
        grants: r.n,
        grantedAmount: num(r.granted) ?? 0,
        paidAmount: num(r.paid) ?? 0,
        paidOnTimePercent: r.paid_n ? round((r.on_time * 100) / r.paid_n) : null,
      });
    for (const r of effects)
      Object.assign(get(r.policy_id), { expectancy: round(r.expectancy, 2), instrumentality: round(r.instrumentality, 2), valence: round(r.valence, 2), effect: round(r.effect, 2), eligible: r.eligible });
    return [...byPolicy.values()].sort((a, b) => String(a.policyId).localeCompare(String(b.policyId)));
  }

  /** One employee's events across contexts, oldest first. */
  timelineStatement(employeeId: string, f: Pick<ReadFilter, 'from' | 'to' | 'asOf'>, page: Page | null): Statement {
    const p = new Params();
    const w = [`t.employee_id = ${p.add(employeeId)}`, ...scoped(p, { units: null, ...f }, 't', { time: 'occurred_at' })];
    const limit = page && page.limit > 0 ? ` LIMIT ${p.add(page.limit)} OFFSET ${p.add(page.offset)}` : '';
    const order = page?.order === 'desc' ? 'DESC' : 'ASC';
    return {
      sql: `SELECT t.event_id, t.context, t.type, t.occurred_at, t.business_unit_id, t.correlation_id, t.causation_id, t.facts
              FROM ${T.timeline} t ${whereOf(w)} ORDER BY t.occurred_at ${order}, t.event_id${limit}`,
      params: p.values,
    };
  }

  async timeline(employeeId: string, f: Pick<ReadFilter, 'from' | 'to' | 'asOf'>, page: Page): Promise<TimelineEntry[]> {
    const s = this.timelineStatement(employeeId, f, page);
    const rows = await this.db.query(s.sql, s.params);
    return rows.map((r: Record<string, unknown>) => ({
      eventId: r.event_id,
      context: r.context,
      type: r.type,
      occurredAt: (r.occurred_at as Date).toISOString(),
      businessUnitId: r.business_unit_id,
      correlationId: r.correlation_id,
      causationId: r.causation_id,
      facts: r.facts,
    }));
  }

  /** The employee's current unit (for scope), from the placements; null when unknown. */
  async unitOfEmployee(employeeId: string): Promise<string | null> {
    const rows = await this.db.query(`SELECT business_unit_id FROM ${T.placements} WHERE employee_id = $1 ORDER BY valid_from DESC, event_id DESC LIMIT 1`, [employeeId]);
    return rows[0]?.business_unit_id ?? null;
  }
}
