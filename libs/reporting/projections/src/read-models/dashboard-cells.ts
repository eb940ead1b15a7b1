import type { Envelope } from '@tpm/contracts';
import { quoteTable, type TableNames } from '@tpm/projections';
import type { EntityManager } from 'typeorm';
import { rm, type Column, type Row } from './sql-rows';

/**
 * Pre-aggregated cells of the dashboards (docs/read-models.md, "Cells"; ADR 0030). A cell is one
 * group of a fact table: its key (always the business unit first, then the panel's dimensions) and
 * its sums and counts. The projection that writes a fact table keeps its cells in the same
 * transaction: after the batch's upserts it recomputes, from the facts, every cell of the units
 * (and cycles) the batch touched (DELETE those cells, INSERT … SELECT … GROUP BY). That is
 * idempotent under redelivery and right whatever the fact's upsert did (nothing, an update, a
 * move to another unit), because the cells are a function of the facts, never of the events.
 */
export interface CellSpec {
  /** The cells table (logical name, schema-qualified). */
  table: string;
  /** The fact table it aggregates (logical name). */
  facts: string;
  /** Key columns: [cell column, type, expression over the fact row `f`]; business_unit_id first. */
  keys: readonly (readonly [name: string, sqlType: string, expr: string])[];
  /** Measures: [cell column, type, aggregate over the fact rows `f` of the cell]. */
  measures: readonly (readonly [name: string, sqlType: string, agg: string])[];
  /** Which fact rows count at all. */
  where?: string;
  /** The fact columns a recompute is scoped by (the cells' first key columns, same order). */
  scope: readonly string[];
  /**
   * The fact's instant that time windows (`asOf`, `from`, `to`) filter by: each cell then also
   * keeps the earliest and latest (`min_at`, `max_at`) of its facts, so a windowed read takes a cell
   * wholly inside the window as it is, skips one wholly outside, and reads the facts of a cell the
   * window cuts only (`windowedCells`).
   */
  time?: string;
  /**
   * The instant may be null (a grant read before its grant date): the cells are then also keyed by
   * whether their facts have one (`timed`, `timedKey`), and a window skips the untimed cells whole.
   */
  timeNullable?: boolean;
  /** Key columns that may be null (matched null-safely when a window reads a cut cell's facts). */
  nullableKeys?: readonly string[];
  /**
   * The cells are also keyed by the level of each fact's employee (key `employee_level`, null when not known
   * yet), read from the projection's own levels table (`LEVELS`, kept from
   * `performance.EmployeeOnboarded` by `applyLevels`), so the `level` filter reads cells too.
   * `base` is the stored table whose rows give an employee's scope when their level arrives (the
   * facts, unless they are a join).
   */
  level?: { person: string; levels: string; base?: { table: string; person: string } };
}

/**
 * People counted once across units: a cell counts the distinct people of its unit, and this
 * table lists the (dimension, person, unit) of every person found in two units or more (a
 * transfer between two completions, say). A read subtracts, per person, the units in scope
 * beyond the first, so the sum over units stays a count of distinct people. Rare rows only.
 */
export interface SpreadSpec {
  table: string;
  facts: string;
  dims: readonly (readonly [name: string, sqlType: string, expr: string])[];
  /** The person column of the fact table. */
  person: string;
  where?: string;
}

/**
 * Each cell-keeping projection's own copy of the employees' levels (employee, level, and the
 * onboarding that gave it: the latest wins). Its own, not org-history's placements, so that a
 * level arriving after the facts recomputes the cells in the same projection (`applyLevels`) and a
 * rebuild of one projection needs no other (ADR 0032).
 */
export const LEVELS = {
  results: rm('appraisal_result_levels'),
  stages: rm('appraisal_stage_levels'),
  training: rm('training_outcome_levels'),
  coaching: rm('coaching_activity_levels'),
  rewards: rm('reward_levels'),
  effect: rm('training_effect_levels'),
} as const;

/** The key of a spec whose instant may be null (`CellSpec.timeNullable`): does the fact have it. */
export const timedKey = (col: string) => ['timed', 'boolean', `(f.${col} IS NOT NULL)`] as const;

/** The key of a spec keyed by the employee's level (last: the scope keys come first; `level` is the Kirkpatrick level's name in the evaluation cells). */
export const LEVEL_KEY = ['employee_level', 'text', 'lv.level'] as const;

/** Completion by stage: each count of the stage cells and the stage row's instant it counts. */
export const STAGE_COUNTS = [
  ['self', 'self_at'], ['manager', 'manager_at'], ['calibration', 'calibrated_at'], ['finalized', 'finalized_at'], ['acknowledged', 'acknowledged_at'], ['disputed', 'disputed_at'],
] as const;

const monthOf = (col: string) => `to_char(date_trunc('month', f.${col} AT TIME ZONE 'UTC'), 'YYYY-MM')`;

export const CELLS = {
  appraisalBands: {
    table: rm('appraisal_band_cells'),
    facts: rm('appraisal_results'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['cycle_id', 'text', 'f.cycle_id'], ['period', 'text', 'f.period'], ['rating_band', 'text', 'f.rating_band'], ['rating_band_rank', 'int', 'f.rating_band_rank'], LEVEL_KEY],
    measures: [['n', 'int', 'count(*)'], ['score_sum', 'numeric', 'sum(f.score)'], ['goal_n', 'int', 'count(f.goal_attainment)'], ['goal_sum', 'numeric', 'sum(f.goal_attainment)']],
    scope: ['business_unit_id', 'cycle_id'],
    time: 'finalized_at',
    level: { person: 'employee_id', levels: LEVELS.results },
  },
  appraisalManagers: {
    table: rm('appraisal_manager_cells'),
    facts: rm('appraisal_results'),
    keys: [
      ['business_unit_id', 'text', 'f.business_unit_id'], ['cycle_id', 'text', 'f.cycle_id'], ['period', 'text', 'f.period'], ['manager_id', 'text', "COALESCE(f.manager_id, '(none)')"],
      ['rating_band', 'text', 'f.rating_band'], ['rating_band_rank', 'int', 'f.rating_band_rank'], LEVEL_KEY,
    ],
    measures: [['n', 'int', 'count(*)'], ['score_sum', 'numeric', 'sum(f.score)']],
    scope: ['business_unit_id', 'cycle_id'],
    time: 'finalized_at',
    level: { person: 'employee_id', levels: LEVELS.results },
  },
  appraisalBoxes: {
    table: rm('appraisal_box_cells'),
    facts: rm('appraisal_results'),
    keys: [
      ['business_unit_id', 'text', 'f.business_unit_id'], ['cycle_id', 'text', 'f.cycle_id'], ['period', 'text', 'f.period'], ['rating_band', 'text', 'f.rating_band'],
      ['rating_band_rank', 'int', 'f.rating_band_rank'], ['potential', 'text', "COALESCE(f.potential, 'unplaced')"], LEVEL_KEY,
    ],
    measures: [['n', 'int', 'count(*)']],
    scope: ['business_unit_id', 'cycle_id'],
    time: 'finalized_at',
    level: { person: 'employee_id', levels: LEVELS.results },
  },
  appraisalStages: {
    table: rm('appraisal_stage_cells'),
    facts: rm('appraisal_stages'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['cycle_id', 'text', 'f.cycle_id'], LEVEL_KEY],
    // Each stage's count and the range of its instants, so completion as of a date takes a cell's
    // stage whole when the date is past its range, none when before, and reads the facts of a cell
    // only when the date falls inside one of its ranges (`STAGE_MEASURES`).
    measures: [['total', 'int', 'count(*)'], ...STAGE_COUNTS.flatMap(([n, col]) => [[n, 'int', `count(f.${col})`], [`${n}_min`, 'timestamptz', `min(f.${col})`], [`${n}_max`, 'timestamptz', `max(f.${col})`]] as const)],
    scope: ['business_unit_id', 'cycle_id'],
    level: { person: 'employee_id', levels: LEVELS.stages },
  },
  calibrationShifts: {
    table: rm('calibration_shift_cells'),
    facts: rm('calibration_shifts'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['cycle_id', 'text', 'f.cycle_id'], ['from_band', 'text', 'f.from_band'], ['to_band', 'text', 'f.to_band'], ['calibrated_by', 'text', 'f.calibrated_by'], LEVEL_KEY],
    measures: [['n', 'int', 'count(*)']],
    scope: ['business_unit_id', 'cycle_id'],
    time: 'calibrated_at',
    // A calibration whose envelope named no unit waits for its stage row's (see performance-stages).
    nullableKeys: ['business_unit_id'],
    level: { person: 'employee_id', levels: LEVELS.stages },
  },
  headcount: {
    table: rm('headcount_cells'),
    facts: rm('employee_placements'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['level', 'text', "COALESCE(f.level, 'unknown')"]],
    measures: [['headcount', 'int', 'count(*)']],
    where: 'f.valid_to IS NULL AND f.business_unit_id IS NOT NULL',
    scope: ['business_unit_id'],
  },
  trainingNeeds: {
    table: rm('training_need_cells'),
    facts: rm('training_needs'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['competency', 'text', 'f.competency'], ['source', 'text', "COALESCE(f.source, 'unknown')"], LEVEL_KEY, timedKey('identified_at')],
    measures: [['open', 'int', "count(*) FILTER (WHERE f.status = 'open')"], ['met', 'int', "count(*) FILTER (WHERE f.status = 'met')"]],
    scope: ['business_unit_id'],
    // A need met or obsoleted before its identification is read has no instant yet.
    time: 'identified_at',
    timeNullable: true,
    level: { person: 'employee_id', levels: LEVELS.training },
  },
  trainingCompletions: {
    table: rm('training_completion_cells'),
    facts: rm('training_completions'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['program_id', 'text', 'f.program_id'], LEVEL_KEY],
    measures: [['completed', 'int', 'count(*)'], ['people', 'int', 'count(DISTINCT f.employee_id)'], ['exam_sum', 'numeric', 'sum(f.exam_score)'], ['exam_n', 'int', 'count(f.exam_score)']],
    scope: ['business_unit_id'],
    time: 'completed_at',
    level: { person: 'employee_id', levels: LEVELS.training },
  },
  trainingEnrolments: {
    table: rm('training_enrolment_cells'),
    // The program of an enrolment is its session's, known from the completions (as the facts query joins them).
    facts: `${rm('training_enrolments')} f0 CROSS JOIN LATERAL (SELECT DISTINCT c.program_id FROM ${rm('training_completions')} c WHERE c.session_id = f0.session_id) sp
            CROSS JOIN LATERAL (SELECT f0.business_unit_id, sp.program_id, f0.withdrawn_at, f0.enrolled_at, f0.employee_id) `,
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['program_id', 'text', 'f.program_id'], LEVEL_KEY, timedKey('enrolled_at')],
    measures: [['enrolled', 'int', 'count(*)']],
    where: 'f.withdrawn_at IS NULL',
    scope: ['business_unit_id'],
    // A withdrawal read before its enrolment has no enrolment instant yet.
    time: 'enrolled_at',
    timeNullable: true,
    level: { person: 'employee_id', levels: LEVELS.training, base: { table: rm('training_enrolments'), person: 'employee_id' } },
  },
  trainingEvaluations: {
    table: rm('training_evaluation_cells'),
    facts: rm('training_evaluations'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['program_id', 'text', 'f.program_id'], ['level', 'int', 'f.level'], LEVEL_KEY],
    measures: [['value_sum', 'numeric', 'sum(f.value)'], ['n', 'int', 'count(*)']],
    scope: ['business_unit_id'],
    time: 'recorded_at',
    level: { person: 'employee_id', levels: LEVELS.training },
  },
  coachingEngagements: {
    table: rm('coaching_engagement_cells'),
    facts: rm('coaching_engagements'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], LEVEL_KEY, timedKey('started_at')],
    measures: [['engagements', 'int', 'count(*)'], ['active_coachees', 'int', 'count(DISTINCT f.coachee_id) FILTER (WHERE f.closed_at IS NULL)']],
    scope: ['business_unit_id'],
    // A closing read before its start has no start yet.
    time: 'started_at',
    timeNullable: true,
    level: { person: 'coachee_id', levels: LEVELS.coaching },
  },
  coachingSessions: {
    table: rm('coaching_session_cells'),
    facts: rm('coaching_sessions'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['month', 'text', monthOf('held_at')], LEVEL_KEY],
    measures: [['n', 'int', 'count(*)'], ['minutes', 'numeric', 'sum(f.duration_minutes)']],
    scope: ['business_unit_id'],
    time: 'held_at',
    level: { person: 'coachee_id', levels: LEVELS.coaching },
  },
  monthlyReviews: {
    table: rm('monthly_review_cells'),
    facts: rm('monthly_reviews'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['month', 'text', 'f.month'], LEVEL_KEY],
    measures: [
      ['on_time', 'int', 'count(*) FILTER (WHERE f.on_time)'], ['late', 'int', 'count(*) FILTER (WHERE f.submitted_at IS NOT NULL AND NOT f.on_time)'],
      ['overdue', 'int', 'count(*) FILTER (WHERE f.submitted_at IS NULL AND f.overdue_at IS NOT NULL)'],
    ],
    scope: ['business_unit_id'],
    level: { person: 'employee_id', levels: LEVELS.coaching },
  },
  improvementPlans: {
    table: rm('improvement_plan_cells'),
    facts: rm('improvement_plans'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['outcome', 'text', "COALESCE(f.outcome, 'open')"], LEVEL_KEY, timedKey('opened_at')],
    measures: [['n', 'int', 'count(*)']],
    scope: ['business_unit_id'],
    // A closing read before its opening has no opening yet.
    time: 'opened_at',
    timeNullable: true,
    level: { person: 'employee_id', levels: LEVELS.coaching },
  },
  rewardProposals: {
    table: rm('reward_proposal_cells'),
    facts: rm('reward_proposals'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['cycle_id', 'text', 'f.cycle_id'], ['policy_id', 'text', 'f.policy_id'], ['currency', 'text', "COALESCE(f.currency, '')"], LEVEL_KEY],
    measures: [
      ['n', 'int', 'count(*)'], ['proposed', 'numeric', 'sum(f.proposed_amount)'], ['approved', 'numeric', "sum(f.approved_amount) FILTER (WHERE f.status IN ('approved', 'granted'))"],
      ['rejected', 'int', "count(*) FILTER (WHERE f.status = 'rejected')"],
    ],
    scope: ['business_unit_id', 'cycle_id'],
    level: { person: 'employee_id', levels: LEVELS.rewards },
  },
  rewardGrants: {
    table: rm('reward_grant_cells'),
    facts: rm('reward_grants'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['policy_id', 'text', 'f.policy_id'], LEVEL_KEY, timedKey('granted_at')],
    measures: [
      ['n', 'int', 'count(*)'], ['granted', 'numeric', 'sum(f.amount) FILTER (WHERE f.revoked_at IS NULL)'], ['paid', 'numeric', 'sum(f.paid_amount)'],
      ['on_time', 'int', 'count(*) FILTER (WHERE f.paid_on_time)'], ['paid_n', 'int', 'count(f.paid_on)'],
    ],
    scope: ['business_unit_id'],
    time: 'granted_at',
    timeNullable: true,
    level: { person: 'employee_id', levels: LEVELS.rewards },
  },
} as const satisfies Record<string, CellSpec>;

export const SPREADS = {
  completionPeople: { table: rm('training_completion_spread'), facts: rm('training_completions'), dims: [['program_id', 'text', 'f.program_id']], person: 'employee_id' },
  activeCoachees: { table: rm('coaching_coachee_spread'), facts: rm('coaching_engagements'), dims: [], person: 'coachee_id', where: 'f.closed_at IS NULL' },
} as const satisfies Record<string, SpreadSpec>;

/** Every cells and spread table, for the projections' `tables` and the tests. */
export const CELL_TABLES = [...Object.values(CELLS).map((c) => c.table), ...Object.values(SPREADS).map((s) => s.table)];

/** A fact table given by name is renamed through `tables` (a rebuild's shadows); a join expression is left as written. */
const physical = (tables: TableNames, t: string) => (t.includes(' ') ? t : quoteTable(tables[t] ?? t));
const factsFrom = (spec: CellSpec | SpreadSpec, tables: TableNames) => {
  const level = 'level' in spec && spec.level ? levelJoin(spec, physical(tables, spec.level.levels)) : '';
  if (!spec.facts.includes(' ')) return `${physical(tables, spec.facts)} f${level}`;
  // The enrolment cells read two fact tables of the same projection: rename both.
  let sql = spec.facts as string;
  for (const [logical, name] of Object.entries(tables)) sql = sql.split(`${logical} `).join(`${quoteTable(name)} `);
  return `${sql} f${level}`;
};
/** The level of each fact's employee (`lv.level`, null when not known yet). */
const levelJoin = (spec: CellSpec, levels: string) => (spec.level ? ` LEFT JOIN ${levels} lv ON lv.employee_id = f.${spec.level.person}` : '');
/** Keys a window matches null-safely: the declared ones and the employee's level (unknown until their onboarding is read). */
const nullable = (spec: CellSpec, key: string) => spec.nullableKeys?.includes(key) || (Boolean(spec.level) && key === LEVEL_KEY[0]);

/** The measures a cell stores: the spec's, and for a timed spec the earliest and latest instant of its facts. */
const measuresOf = (spec: CellSpec): readonly (readonly [string, string, string])[] =>
  spec.time
    ? [
        ...spec.measures,
        ['min_at', 'timestamptz', `min(f.${spec.time})`],
        ['max_at', 'timestamptz', `max(f.${spec.time})`],
      ]
    : spec.measures;

export function cellsDdl(spec: CellSpec): string[] {
  const bare = spec.table.slice(spec.table.indexOf('.') + 1);
  const cols = [...spec.keys.map(([n, t]) => `${n} ${t}`), ...measuresOf(spec).map(([n, t]) => `${n} ${t}`)].join(', ');
  return [
    `CREATE TABLE ${spec.table} (${cols})`,
    // One row per key (a null unit or cycle is a key too); the recompute and the reads go by unit first.
    `CREATE UNIQUE INDEX ${bare}_key_idx ON ${spec.table} (${spec.keys.map(([n]) => n).join(', ')}) NULLS NOT DISTINCT`,
  ];
}

export function spreadDdl(spec: SpreadSpec): string[] {
  const cols = [...spec.dims.map(([n, t]) => `${n} ${t} NOT NULL`), 'person_id text NOT NULL', 'business_unit_id text NOT NULL'].join(', ');
  return [`CREATE TABLE ${spec.table} (${cols}, PRIMARY KEY (person_id, ${[...spec.dims.map(([n]) => n), 'business_unit_id'].join(', ')}))`];
}

/** `INSERT INTO cells SELECT … GROUP BY …` over the facts matching `where` (the whole table: the migration's fill). */
export function cellsInsert(spec: CellSpec, tables: TableNames, where: string[] = []): string {
  const w = [...(spec.where ? [spec.where] : []), ...where];
  const names = [...spec.keys.map(([n]) => n), ...measuresOf(spec).map(([n]) => n)].join(', ');
  const select = [...spec.keys.map(([n, , e]) => `${e} AS ${n}`), ...measuresOf(spec).map(([n, , a]) => `${a} AS ${n}`)].join(', ');
  return `INSERT INTO ${physical(tables, spec.table)} (${names})
          SELECT ${select} FROM ${factsFrom(spec, tables)} ${w.length ? `WHERE ${w.join(' AND ')}` : ''}
           GROUP BY ${spec.keys.map((_, i) => i + 1).join(', ')}`;
}

export function spreadInsert(spec: SpreadSpec, tables: TableNames, where: string[] = []): string {
  const w = [`f.${spec.person} IS NOT NULL`, 'f.business_unit_id IS NOT NULL', ...(spec.where ? [spec.where] : []), ...where];
  const dims = spec.dims.map(([n]) => n);
  const part = ['person_id', ...dims].join(', ');
  return `INSERT INTO ${physical(tables, spec.table)} (${[...dims, 'person_id', 'business_unit_id'].join(', ')})
          SELECT ${[...dims, 'person_id', 'business_unit_id'].join(', ')}
            FROM (SELECT d.*, count(*) OVER (PARTITION BY ${part}) AS units
                    FROM (SELECT DISTINCT ${[...spec.dims.map(([n, , e]) => `${e} AS ${n}`), `f.${spec.person} AS person_id`, 'f.business_unit_id'].join(', ')}
                            FROM ${factsFrom(spec, tables)} WHERE ${w.join(' AND ')}) d) s
           WHERE s.units > 1`;
}

/** The values of one scope column a batch touched; null is a value too (a fact without a unit). */
export type ScopeValues = (string | null)[];

/** `col = ANY($n) OR col IS NULL`, as the values ask; nothing when the values are empty is never asked. */
function inValues(col: string, values: ScopeValues, params: unknown[]): string {
  const known = [...new Set(values.filter((v): v is string => v !== null))];
  const parts: string[] = [];
  if (known.length) {
    params.push(known);
    parts.push(`${col} = ANY($${params.length}::text[])`);
  }
  if (values.some((v) => v === null)) parts.push(`${col} IS NULL`);
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

/**
 * Recomputes the cells of the touched scope (for each scope column, the values touched; the cells
 * of every combination are recomputed, a superset of the touched keys, which is still exact).
 */
export async function recomputeCells(tx: EntityManager, tables: TableNames, spec: CellSpec, touched: ScopeValues[]): Promise<void> {
  if (touched.some((v) => !v.length)) return;
  const cellParams: unknown[] = [];
  const onCells = spec.scope.map((_, i) => inValues(`c.${spec.keys[i][0]}`, touched[i], cellParams));
  await tx.query(`DELETE FROM ${physical(tables, spec.table)} c WHERE ${onCells.join(' AND ')}`, cellParams);
  const factParams: unknown[] = [];
  const onFacts = spec.scope.map((_, i) => inValues(spec.keys[i][2], touched[i], factParams));
  await tx.query(cellsInsert(spec, tables, onFacts), factParams);
}

export async function recomputeSpread(tx: EntityManager, tables: TableNames, spec: SpreadSpec, people: string[]): Promise<void> {
  const list = [...new Set(people.filter(Boolean))];
  if (!list.length) return;
  await tx.query(`DELETE FROM ${physical(tables, spec.table)} WHERE person_id = ANY($1::text[])`, [list]);
  await tx.query(spreadInsert(spec, tables, [`f.${spec.person} = ANY($1::text[])`]), [list]);
}

/** The scope values (e.g. unit, cycle) of the stored facts with the given ids: what an update may move away from. */
export async function storedScope(tx: EntityManager, table: string, idColumns: readonly Column[], ids: Row[], scope: readonly string[]): Promise<Row[]> {
  if (!ids.length) return [];
  const shape = idColumns.map(([n, t]) => `${n} ${t}`).join(', ');
  const on = idColumns.map(([n]) => `f.${n} = x.${n}`).join(' AND ');
  return tx.query(
    `SELECT DISTINCT ${scope.map((c) => `f.${c}`).join(', ')} FROM ${quoteTable(table)} f JOIN jsonb_to_recordset($1::jsonb) AS x(${shape}) ON ${on}`,
    [JSON.stringify(ids.map((r) => Object.fromEntries(idColumns.map(([n]) => [n, r[n]]))))],
  );
}

/** Scope values per column from rows (batch rows and stored rows alike). */
export const scopeOf = (rows: Row[], scope: readonly string[]): ScopeValues[] =>
  scope.map((c) => [...new Set(rows.map((r) => (r[c] ?? null) as string | null))]);

/**
 * Runs the batch's upsert of `table` between two reads of the scope of the rows it touches: the
 * scope before (an update may move a fact out of a unit or cycle) and after (or into one).
 */
export async function touchedBy(tx: EntityManager, table: string, idColumns: readonly Column[], rows: Row[], scope: readonly string[], write: () => Promise<void>): Promise<ScopeValues[]> {
  const before = await storedScope(tx, table, idColumns, rows, scope);
  await write();
  const after = await storedScope(tx, table, idColumns, rows, scope);
  return scopeOf([...before, ...after], scope);
}

export const unionScopes = (...all: ScopeValues[][]): ScopeValues[] => all[0].map((_, i) => [...new Set(all.flatMap((s) => s[i]))]);

/** A time window: facts at or before `asOf`, at or after `from`, before `to` (ISO instants). */
export interface TimeWindow {
  asOf?: string;
  from?: string;
  to?: string;
}

/**
 * The cells of a timed spec as they stand for a time window, as a subquery with the cells'
 * columns (keys and measures): the cells wholly inside the window as they are, and for each scope
 * (unit, cycle) holding a cell the window cuts (its facts on both sides of a bound) the same
 * aggregates over the scope's facts inside the window. Cells wholly outside are left out. So a
 * window that cuts no cell (a date between two cycles' finalizations, say) reads cells only; one
 * that does reads the facts of the scopes it cuts only. `add` binds a parameter and returns its
 * placeholder; `opts.level`: the read filters by the employees' level (the cut scopes' facts then
 * look it up; otherwise their rows carry none); `opts.where`: the read's own conditions on the
 * cells' keys (alias `c`: its units, its level), so only the cells and scopes it reads are looked at.
 */
export function windowedCells(spec: CellSpec, w: TimeWindow, add: (v: unknown) => string, opts: { level?: boolean; where?: string[] } = {}): string {
  if (!spec.time) throw new Error(`${spec.table} keeps no instants`);
  // The cells of facts without the instant are outside every window.
  const inside: string[] = spec.timeNullable ? ['c.timed'] : [];
  const outside: string[] = spec.timeNullable ? ['NOT c.timed'] : [];
  const onFacts: string[] = [];
  if (w.from) {
    const v = `${add(w.from)}::timestamptz`;
    inside.push(`c.min_at >= ${v}`);
    outside.push(`c.max_at < ${v}`);
    onFacts.push(`f.${spec.time} >= ${v}`);
  }
  if (w.asOf) {
    const v = `${add(w.asOf)}::timestamptz`;
    inside.push(`c.max_at <= ${v}`);
    outside.push(`c.min_at > ${v}`);
    onFacts.push(`f.${spec.time} <= ${v}`);
  }
  if (w.to) {
    const v = `${add(w.to)}::timestamptz`;
    inside.push(`c.max_at < ${v}`);
    outside.push(`c.min_at >= ${v}`);
    onFacts.push(`f.${spec.time} < ${v}`);
  }
  const keys = spec.keys.map(([n]) => n);
  const all = [...keys, ...spec.measures.map(([n]) => n)].join(', ');
  if (!onFacts.length) return `(SELECT ${all} FROM ${spec.table} c${opts.where?.length ? ` WHERE ${opts.where.join(' AND ')}` : ''})`;
  const isInside = inside.join(' AND ');
  const cut = `NOT (${isInside}) AND NOT (${outside.join(' OR ')})`;
  // The scopes (unit, cycle) holding a cut cell, materialized first (few, often none). Their cells
  // are answered from their facts inside the window, one lateral per scope (each fact of a cut
  // scope read once, no fact of another scope read); every other scope's cells are taken whole
  // when inside the window and skipped when outside. The facts' level is looked up only when the
  // read filters by it (`opts.level`); otherwise the rows carry none and the read sums over it.
  const level = spec.level && opts.level ? `(SELECT lv.level FROM ${spec.level.levels} lv WHERE lv.employee_id = f.${spec.level.person})` : 'NULL::text';
  const exprOf = (n: string, e: string) => (n === LEVEL_KEY[0] && spec.level ? level : e);
  const scope = spec.scope.map((_, i) => spec.keys[i][0]);
  const onScope = (a: string, b: string) => scope.map((n) => (nullable(spec, n) ? `${a}.${n} IS NOT DISTINCT FROM ${b}.${n}` : `${a}.${n} = ${b}.${n}`)).join(' AND ');
  const inScope = spec.scope.map((_, i) => spec.keys[i]).map(([n, , e]) => (nullable(spec, n) ? `${e} IS NOT DISTINCT FROM s.${n}` : `${e} = s.${n}`)).join(' AND ');
  const own = (opts.where ?? []).map((x) => ` AND ${x}`).join('');
  return `(WITH scopes AS MATERIALIZED (SELECT DISTINCT ${scope.join(', ')} FROM ${spec.table} c WHERE ${cut}${own})
           SELECT ${all} FROM ${spec.table} c WHERE ${isInside}${own} AND NOT EXISTS (SELECT 1 FROM scopes s WHERE ${onScope('s', 'c')})
           UNION ALL
           SELECT x.* FROM scopes s CROSS JOIN LATERAL (
               SELECT ${[...spec.keys.map(([n, , e]) => `${exprOf(n, e)} AS ${n}`), ...spec.measures.map(([n, , a]) => `${a} AS ${n}`)].join(', ')} FROM ${spec.facts} f
                WHERE ${inScope} AND ${onFacts.join(' AND ')}${spec.where ? ` AND ${spec.where}` : ''}
                GROUP BY ${keys.map((_, i) => i + 1).join(', ')}) x)`;
}

/**
 * The batch's `performance.EmployeeOnboarded` into the projection's levels table (the latest
 * onboarding of an employee wins, by its date then event id, whatever the arrival order), then
 * the cells of every employee whose level changed are recomputed: the scope of their stored facts
 * (so facts read before the onboarding move from the unknown level to theirs). Run before the
 * batch's facts, which then recompute with the levels already known.
 */
export async function applyLevels(tx: EntityManager, tables: TableNames, batch: Envelope[], levels: string, specs: readonly CellSpec[]): Promise<void> {
  const latest = new Map<string, { employee_id: string; level: string | null; at: string; event_id: string }>();
  for (const e of batch) {
    if (e.type !== 'performance.EmployeeOnboarded') continue;
    const d = e.data as { employeeId?: string; level?: string | null; at?: string };
    if (typeof d.employeeId !== 'string') continue;
    // The onboarding's own date, else when it happened (a date that does not parse is not one).
    const when = [d.at, e.occurredAt].map((v) => (v ? Date.parse(v) : NaN)).find((t) => !Number.isNaN(t)) ?? 0;
    const row = { employee_id: d.employeeId, level: d.level ?? null, at: new Date(when).toISOString(), event_id: e.eventId };
    const prev = latest.get(row.employee_id);
    if (!prev || row.at > prev.at || (row.at === prev.at && row.event_id > prev.event_id)) latest.set(row.employee_id, row);
  }
  if (!latest.size) return;
  const table = physical(tables, levels);
  const changed: { employee_id: string }[] = await tx.query(
    `WITH x AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(employee_id text, level text, at timestamptz, event_id text)),
          old AS (SELECT t.employee_id, t.level FROM ${table} t JOIN x USING (employee_id)),
          up AS (INSERT INTO ${table} AS t (employee_id, level, at, event_id) SELECT employee_id, level, at, event_id FROM x
                 ON CONFLICT (employee_id) DO UPDATE SET level = EXCLUDED.level, at = EXCLUDED.at, event_id = EXCLUDED.event_id
                  WHERE (EXCLUDED.at, EXCLUDED.event_id) > (t.at, t.event_id)
                 RETURNING t.employee_id, t.level)
     SELECT up.employee_id FROM up LEFT JOIN old USING (employee_id) WHERE old.employee_id IS NULL OR old.level IS DISTINCT FROM up.level`,
    [JSON.stringify([...latest.values()])],
  );
  if (!changed.length) return;
  // Specs over the same facts and scope (the three appraisal cells) share one read of the scope.
  const scopes = new Map<string, Promise<Row[]>>();
  for (const spec of specs) {
    if (!spec.level) continue;
    const base = spec.level.base ?? { table: spec.facts, person: spec.level.person };
    const key = `${base.table}\u0000${spec.scope.join(',')}`;
    if (!scopes.has(key)) {
      const ids = changed.map((r) => ({ [base.person]: r.employee_id }));
      scopes.set(key, storedScope(tx, tables[base.table] ?? base.table, [[base.person, 'text']], ids, spec.scope));
    }
    await recomputeCells(tx, tables, spec, scopeOf(await scopes.get(key)!, spec.scope));
  }
}

/**
 * The spec in the shape its cells had before DashboardCellLevels1760000001350: no level or `timed`
 * key, the facts without the instant counted in `untimed`. What the migrations before it refill
 * (the tables may not have the new keys yet) and what its `down` makes again.
 */
export const beforeLevels = (spec: CellSpec): CellSpec => ({
  ...spec,
  keys: spec.keys.filter(([n]) => n !== LEVEL_KEY[0] && n !== 'timed'),
  level: undefined,
  timeNullable: false,
  measures: spec.timeNullable ? [...spec.measures, ['untimed', 'int', `count(*) FILTER (WHERE f.${spec.time} IS NULL)`]] : spec.measures,
});
