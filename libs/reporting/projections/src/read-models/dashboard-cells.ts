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
   * The instant may be null (a grant read before its grant date): the cell then also counts its
   * facts without one (`untimed`); a window never counts those, so such a cell is never taken whole.
   */
  timeNullable?: boolean;
  /** Key columns that may be null (matched null-safely when a window reads a cut cell's facts). */
  nullableKeys?: readonly string[];
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

const monthOf = (col: string) => `to_char(date_trunc('month', f.${col} AT TIME ZONE 'UTC'), 'YYYY-MM')`;

export const CELLS = {
  appraisalBands: {
    table: rm('appraisal_band_cells'),
    facts: rm('appraisal_results'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['cycle_id', 'text', 'f.cycle_id'], ['period', 'text', 'f.period'], ['rating_band', 'text', 'f.rating_band'], ['rating_band_rank', 'int', 'f.rating_band_rank']],
    measures: [['n', 'int', 'count(*)'], ['score_sum', 'numeric', 'sum(f.score)'], ['goal_n', 'int', 'count(f.goal_attainment)'], ['goal_sum', 'numeric', 'sum(f.goal_attainment)']],
    scope: ['business_unit_id', 'cycle_id'],
    time: 'finalized_at',
  },
  appraisalManagers: {
    table: rm('appraisal_manager_cells'),
    facts: rm('appraisal_results'),
    keys: [
      ['business_unit_id', 'text', 'f.business_unit_id'], ['cycle_id', 'text', 'f.cycle_id'], ['period', 'text', 'f.period'], ['manager_id', 'text', "COALESCE(f.manager_id, '(none)')"],
      ['rating_band', 'text', 'f.rating_band'], ['rating_band_rank', 'int', 'f.rating_band_rank'],
    ],
    measures: [['n', 'int', 'count(*)'], ['score_sum', 'numeric', 'sum(f.score)']],
    scope: ['business_unit_id', 'cycle_id'],
    time: 'finalized_at',
  },
  appraisalBoxes: {
    table: rm('appraisal_box_cells'),
    facts: rm('appraisal_results'),
    keys: [
      ['business_unit_id', 'text', 'f.business_unit_id'], ['cycle_id', 'text', 'f.cycle_id'], ['period', 'text', 'f.period'], ['rating_band', 'text', 'f.rating_band'],
      ['rating_band_rank', 'int', 'f.rating_band_rank'], ['potential', 'text', "COALESCE(f.potential, 'unplaced')"],
    ],
    measures: [['n', 'int', 'count(*)']],
    scope: ['business_unit_id', 'cycle_id'],
    time: 'finalized_at',
  },
  appraisalStages: {
    table: rm('appraisal_stage_cells'),
    facts: rm('appraisal_stages'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['cycle_id', 'text', 'f.cycle_id']],
    measures: [
      ['total', 'int', 'count(*)'], ['self', 'int', 'count(f.self_at)'], ['manager', 'int', 'count(f.manager_at)'], ['calibration', 'int', 'count(f.calibrated_at)'],
      ['finalized', 'int', 'count(f.finalized_at)'], ['acknowledged', 'int', 'count(f.acknowledged_at)'], ['disputed', 'int', 'count(f.disputed_at)'],
    ],
    scope: ['business_unit_id', 'cycle_id'],
  },
  calibrationShifts: {
    table: rm('calibration_shift_cells'),
    facts: rm('calibration_shifts'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['cycle_id', 'text', 'f.cycle_id'], ['from_band', 'text', 'f.from_band'], ['to_band', 'text', 'f.to_band'], ['calibrated_by', 'text', 'f.calibrated_by']],
    measures: [['n', 'int', 'count(*)']],
    scope: ['business_unit_id', 'cycle_id'],
    time: 'calibrated_at',
    // A calibration whose envelope named no unit waits for its stage row's (see performance-stages).
    nullableKeys: ['business_unit_id'],
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
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['competency', 'text', 'f.competency'], ['source', 'text', "COALESCE(f.source, 'unknown')"]],
    measures: [['open', 'int', "count(*) FILTER (WHERE f.status = 'open')"], ['met', 'int', "count(*) FILTER (WHERE f.status = 'met')"]],
    scope: ['business_unit_id'],
  },
  trainingCompletions: {
    table: rm('training_completion_cells'),
    facts: rm('training_completions'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['program_id', 'text', 'f.program_id']],
    measures: [['completed', 'int', 'count(*)'], ['people', 'int', 'count(DISTINCT f.employee_id)'], ['exam_sum', 'numeric', 'sum(f.exam_score)'], ['exam_n', 'int', 'count(f.exam_score)']],
    scope: ['business_unit_id'],
  },
  trainingEnrolments: {
    table: rm('training_enrolment_cells'),
    // The program of an enrolment is its session's, known from the completions (as the facts query joins them).
    facts: `${rm('training_enrolments')} f0 CROSS JOIN LATERAL (SELECT DISTINCT c.program_id FROM ${rm('training_completions')} c WHERE c.session_id = f0.session_id) sp
            CROSS JOIN LATERAL (SELECT f0.business_unit_id, sp.program_id, f0.withdrawn_at) `,
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['program_id', 'text', 'f.program_id']],
    measures: [['enrolled', 'int', 'count(*)']],
    where: 'f.withdrawn_at IS NULL',
    scope: ['business_unit_id'],
  },
  trainingEvaluations: {
    table: rm('training_evaluation_cells'),
    facts: rm('training_evaluations'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['program_id', 'text', 'f.program_id'], ['level', 'int', 'f.level']],
    measures: [['value_sum', 'numeric', 'sum(f.value)'], ['n', 'int', 'count(*)']],
    scope: ['business_unit_id'],
  },
  coachingEngagements: {
    table: rm('coaching_engagement_cells'),
    facts: rm('coaching_engagements'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id']],
    measures: [['engagements', 'int', 'count(*)'], ['active_coachees', 'int', 'count(DISTINCT f.coachee_id) FILTER (WHERE f.closed_at IS NULL)']],
    scope: ['business_unit_id'],
  },
  coachingSessions: {
    table: rm('coaching_session_cells'),
    facts: rm('coaching_sessions'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['month', 'text', monthOf('held_at')]],
    measures: [['n', 'int', 'count(*)'], ['minutes', 'numeric', 'sum(f.duration_minutes)']],
    scope: ['business_unit_id'],
  },
  monthlyReviews: {
    table: rm('monthly_review_cells'),
    facts: rm('monthly_reviews'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['month', 'text', 'f.month']],
    measures: [
      ['on_time', 'int', 'count(*) FILTER (WHERE f.on_time)'], ['late', 'int', 'count(*) FILTER (WHERE f.submitted_at IS NOT NULL AND NOT f.on_time)'],
      ['overdue', 'int', 'count(*) FILTER (WHERE f.submitted_at IS NULL AND f.overdue_at IS NOT NULL)'],
    ],
    scope: ['business_unit_id'],
  },
  improvementPlans: {
    table: rm('improvement_plan_cells'),
    facts: rm('improvement_plans'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['outcome', 'text', "COALESCE(f.outcome, 'open')"]],
    measures: [['n', 'int', 'count(*)']],
    scope: ['business_unit_id'],
  },
  rewardProposals: {
    table: rm('reward_proposal_cells'),
    facts: rm('reward_proposals'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['cycle_id', 'text', 'f.cycle_id'], ['policy_id', 'text', 'f.policy_id'], ['currency', 'text', "COALESCE(f.currency, '')"]],
    measures: [
      ['n', 'int', 'count(*)'], ['proposed', 'numeric', 'sum(f.proposed_amount)'], ['approved', 'numeric', "sum(f.approved_amount) FILTER (WHERE f.status IN ('approved', 'granted'))"],
      ['rejected', 'int', "count(*) FILTER (WHERE f.status = 'rejected')"],
    ],
    scope: ['business_unit_id', 'cycle_id'],
  },
  rewardGrants: {
    table: rm('reward_grant_cells'),
    facts: rm('reward_grants'),
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['policy_id', 'text', 'f.policy_id']],
    measures: [
      ['n', 'int', 'count(*)'], ['granted', 'numeric', 'sum(f.amount) FILTER (WHERE f.revoked_at IS NULL)'], ['paid', 'numeric', 'sum(f.paid_amount)'],
      ['on_time', 'int', 'count(*) FILTER (WHERE f.paid_on_time)'], ['paid_n', 'int', 'count(f.paid_on)'],
    ],
    scope: ['business_unit_id'],
    time: 'granted_at',
    timeNullable: true,
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
  if (!spec.facts.includes(' ')) return `${physical(tables, spec.facts)} f`;
  // The enrolment cells read two fact tables of the same projection: rename both.
  let sql = spec.facts as string;
  for (const [logical, name] of Object.entries(tables)) sql = sql.split(`${logical} `).join(`${quoteTable(name)} `);
  return `${sql} f`;
};

/** The measures a cell stores: the spec's, and for a timed spec the earliest and latest instant of its facts. */
const measuresOf = (spec: CellSpec): readonly (readonly [string, string, string])[] =>
  spec.time
    ? [
        ...spec.measures,
        ['min_at', 'timestamptz', `min(f.${spec.time})`],
        ['max_at', 'timestamptz', `max(f.${spec.time})`],
        ...(spec.timeNullable ? [['untimed', 'int', `count(*) FILTER (WHERE f.${spec.time} IS NULL)`] as const] : []),
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
 * columns (keys and measures): the cells wholly inside the window as they are, and for each cell
 * the window cuts (its facts on both sides of a bound) the same aggregates over its facts inside
 * the window. Cells wholly outside are left out. So a window that cuts no cell (a date between two
 * cycles' finalizations, say) reads cells only; one that does reads the facts of those cells only.
 * `add` binds a parameter and returns its placeholder.
 */
export function windowedCells(spec: CellSpec, w: TimeWindow, add: (v: unknown) => string): string {
  if (!spec.time) throw new Error(`${spec.table} keeps no instants`);
  const inside: string[] = spec.timeNullable ? ['c.untimed = 0'] : [];
  // A cell whose facts all lack the instant (min_at null) is outside every window.
  const outside: string[] = spec.timeNullable ? ['c.min_at IS NULL'] : [];
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
  if (!onFacts.length) return `(SELECT ${all} FROM ${spec.table})`;
  const isInside = inside.join(' AND ');
  const cut = `NOT (${isInside}) AND NOT (${outside.join(' OR ')})`;
  const select = [...spec.keys.map(([n, , e]) => `${e} AS ${n}`), ...spec.measures.map(([n, , a]) => `${a} AS ${n}`)].join(', ');
  return `(SELECT ${all} FROM ${spec.table} c WHERE ${isInside}
           UNION ALL
           SELECT ${select} FROM ${spec.facts} f
             JOIN ${spec.table} c ON ${spec.keys.map(([n, , e]) => (spec.nullableKeys?.includes(n) ? `c.${n} IS NOT DISTINCT FROM ${e}` : `c.${n} = ${e}`)).join(' AND ')}
            WHERE ${cut} AND ${onFacts.join(' AND ')}${spec.where ? ` AND ${spec.where}` : ''}
            GROUP BY ${keys.map((_, i) => i + 1).join(', ')})`;
}
