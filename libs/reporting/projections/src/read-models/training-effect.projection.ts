import { topicOf, type AppraisalFinalized, type Envelope, type TrainingCompleted } from '@tpm/contracts';
import { quoteTable, type Projection, type TableNames } from '@tpm/projections';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { applyLevels, cellsDdl, cellsInsert, LEVEL_KEY, LEVELS, recomputeCells, type CellSpec, type ScopeValues } from './dashboard-cells';
import { insertRows, mergeBy, rm, typeName, type Row } from './sql-rows';
import { ensureLevels } from './levels.migration';

/**
 * The training panel's Kirkpatrick L4 (ADR 0031): the score change between each employee's last
 * two appraisals, for those who completed a program before the later one against their untrained
 * peers. It needs both contexts' facts per employee, so one projection reads both published
 * topics and keeps its own small copies (its own checkpoints, its own rebuild): the appraisals
 * (score, period, unit), the first completion of each program, one pair per employee (the change
 * and the later appraisal's unit and time), and the cells over the pairs.
 */
export const TRAINING_EFFECT_TABLES = {
  appraisals: rm('effect_appraisals'),
  completions: rm('effect_completions'),
  pairs: rm('effect_pairs'),
} as const;
export const TRAINING_EFFECT_TOPICS = [topicOf('performance'), topicOf('training')];

const T = TRAINING_EFFECT_TABLES;

/** Per unit: the pairs (employees with two appraisals whose later one is in the unit) and their summed change. */
export const EFFECT_CELLS = {
  units: {
    table: rm('training_effect_unit_cells'),
    facts: T.pairs,
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], LEVEL_KEY],
    measures: [['n', 'int', 'count(*)'], ['change_sum', 'numeric', 'sum(f.change)']],
    scope: ['business_unit_id'],
    level: { person: 'employee_id', levels: LEVELS.effect },
  },
  /** Per unit and program: the pairs of those who completed the program at or before their later appraisal. */
  programs: {
    table: rm('training_effect_program_cells'),
    facts: `${T.pairs} f0 JOIN ${T.completions} c ON c.employee_id = f0.employee_id AND c.completed_at <= f0.finalized_at
            CROSS JOIN LATERAL (SELECT f0.business_unit_id, c.program_id, f0.change, f0.employee_id) `,
    keys: [['business_unit_id', 'text', 'f.business_unit_id'], ['program_id', 'text', 'f.program_id'], LEVEL_KEY],
    measures: [['n', 'int', 'count(*)'], ['change_sum', 'numeric', 'sum(f.change)']],
    scope: ['business_unit_id'],
    level: { person: 'employee_id', levels: LEVELS.effect, base: { table: T.pairs, person: 'employee_id' } },
  },
} as const satisfies Record<string, CellSpec>;

/** The later of each employee's two last appraisals (by period, then time, then id) and its change from the one before. */
const pairsSelect = (appraisals: string, where: string) => `
  WITH ranked AS (SELECT a.employee_id, a.business_unit_id, a.score, a.finalized_at,
                         row_number() OVER (PARTITION BY a.employee_id ORDER BY a.period DESC, a.finalized_at DESC, a.appraisal_id DESC) AS rn
                    FROM ${appraisals} a ${where})
  SELECT l.employee_id, l.business_unit_id, l.score - p.score AS change, l.finalized_at
    FROM ranked l JOIN ranked p ON p.employee_id = l.employee_id AND p.rn = 2 WHERE l.rn = 1`;

const PAIR_COLUMNS = 'employee_id, business_unit_id, change, finalized_at';

/** Replaces the pairs of `employees` from their appraisals; returns the units the old and new pairs are in. */
async function recomputePairs(tx: EntityManager, tables: TableNames, employees: string[]): Promise<ScopeValues> {
  const pairs = quoteTable(tables[T.pairs]);
  const [gone] = await tx.query(`DELETE FROM ${pairs} WHERE employee_id = ANY($1::text[]) RETURNING business_unit_id`, [employees]);
  // TypeORM gives DELETE … RETURNING as [rows, count] and INSERT … RETURNING as the rows.
  const made = await tx.query(
    `INSERT INTO ${pairs} (${PAIR_COLUMNS}) ${pairsSelect(quoteTable(tables[T.appraisals]), 'WHERE a.employee_id = ANY($1::text[])')} RETURNING business_unit_id`,
    [employees],
  );
  return [...new Set([...(gone as Row[]), ...(made as Row[])].map((r) => (r.business_unit_id ?? null) as string | null))];
}

export const trainingEffectProjection: Projection = {
  name: 'training-effect',
  version: 1,
  handles: ['performance.AppraisalFinalized', 'training.TrainingCompleted', 'performance.EmployeeOnboarded'],
  tables: [...Object.values(T), LEVELS.effect, ...Object.values(EFFECT_CELLS).map((c) => c.table)],
  async apply(batch: Envelope[], tx, tables) {
    await applyLevels(tx, tables, batch, LEVELS.effect, Object.values(EFFECT_CELLS));
    const appraisals: Row[] = [];
    const completions = new Map<string, Row>();
    for (const e of batch) {
      // The published contracts only: the same names on a `.log` topic are other shapes.
      if (e.channel === 'log') continue;
      switch (typeName(e)) {
        case 'AppraisalFinalized': {
          const d = e.data as AppraisalFinalized['data'];
          appraisals.push({ appraisal_id: d.appraisalId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, period: d.period, score: d.score, finalized_at: d.finalizedAt });
          break;
        }
        case 'TrainingCompleted': {
          const d = e.data as TrainingCompleted['data'];
          const key = `${d.employeeId}\u0000${d.programId}`;
          const prev = completions.get(key);
          // Trained before an appraisal means a completion at or before it: the first one decides.
          if (!prev || Date.parse(d.completedAt) < Date.parse(prev.completed_at as string)) {
            completions.set(key, { employee_id: d.employeeId, program_id: d.programId, completed_at: d.completedAt });
          }
          break;
        }
      }
    }
    // As `performance-results` does: an appraisal's first finalization stands.
    const stored = mergeBy(appraisals, (r) => r.appraisal_id as string, 'first');
    await insertRows(
      tx,
      tables[T.appraisals],
      [['appraisal_id', 'text'], ['employee_id', 'text'], ['business_unit_id', 'text'], ['period', 'text'], ['score', 'numeric'], ['finalized_at', 'timestamptz']],
      stored,
      'ON CONFLICT (appraisal_id) DO NOTHING',
    );
    await insertRows(
      tx,
      tables[T.completions],
      [['employee_id', 'text'], ['program_id', 'text'], ['completed_at', 'timestamptz']],
      [...completions.values()],
      'ON CONFLICT (employee_id, program_id) DO UPDATE SET completed_at = LEAST(t.completed_at, EXCLUDED.completed_at)',
    );
    const touched = new Set<string | null>();
    const appraised = [...new Set(stored.map((r) => r.employee_id as string))];
    if (appraised.length) for (const u of await recomputePairs(tx, tables, appraised)) touched.add(u);
    const completers = [...new Set([...completions.values()].map((r) => r.employee_id as string))];
    if (completers.length) {
      // A completion changes the trained side of the completer's pair only: its unit's program cells.
      const rows = await tx.query(`SELECT DISTINCT business_unit_id FROM ${quoteTable(tables[T.pairs])} WHERE employee_id = ANY($1::text[])`, [completers]);
      for (const r of rows as Row[]) touched.add((r.business_unit_id ?? null) as string | null);
    }
    if (!touched.size) return;
    for (const cells of Object.values(EFFECT_CELLS)) await recomputeCells(tx, tables, cells, [[...touched]]);
  },
};

/**
 * The L4 tables, filled from the facts the reporting database already holds (appraisal results,
 * training completions), so an upgraded deployment answers L4 from cells without a rebuild; the
 * projection then reads both topics from their start and finds every fact already there.
 */
export class TrainingEffect1760000001300 implements MigrationInterface {
  name = 'TrainingEffect1760000001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ${T.appraisals} (
      appraisal_id text PRIMARY KEY, employee_id text NOT NULL, business_unit_id text, period text NOT NULL, score numeric NOT NULL, finalized_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX effect_appraisals_employee_idx ON ${T.appraisals} (employee_id)`);
    await q.query(`CREATE TABLE ${T.completions} (employee_id text NOT NULL, program_id text NOT NULL, completed_at timestamptz NOT NULL, PRIMARY KEY (employee_id, program_id))`);
    await q.query(`CREATE TABLE ${T.pairs} (employee_id text PRIMARY KEY, business_unit_id text, change numeric NOT NULL, finalized_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX effect_pairs_unit_idx ON ${T.pairs} (business_unit_id)`);
    for (const spec of Object.values(EFFECT_CELLS)) for (const s of cellsDdl(spec)) await q.query(s);
    // The cells are keyed by the employees' levels (DashboardCellLevels1760000001350): their table first.
    await ensureLevels(q);

    await q.query(`INSERT INTO ${T.appraisals} (appraisal_id, employee_id, business_unit_id, period, score, finalized_at)
                   SELECT appraisal_id, employee_id, business_unit_id, period, score, finalized_at FROM ${rm('appraisal_results')}`);
    await q.query(`INSERT INTO ${T.completions} (employee_id, program_id, completed_at)
                   SELECT employee_id, program_id, min(completed_at) FROM ${rm('training_completions')} GROUP BY 1, 2`);
    await q.query(`INSERT INTO ${T.pairs} (${PAIR_COLUMNS}) ${pairsSelect(T.appraisals, '')}`);
    for (const spec of Object.values(EFFECT_CELLS)) await q.query(cellsInsert(spec, {}));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [...Object.values(EFFECT_CELLS).map((c) => c.table), ...Object.values(T)]) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
