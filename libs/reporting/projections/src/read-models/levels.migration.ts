import type { QueryRunner } from 'typeorm';
import { CELLS, LEVELS, type CellSpec } from './dashboard-cells';
import { rm } from './sql-rows';

/*
 * Schema steps of the levels (ADR 0032), run by migrations only: the first cells migration on a new
 * database, TrainingEffect1760000001300 and DashboardCellLevels1760000001350 on an upgraded one.
 */

/** The levels table's DDL (one per cell-keeping projection, `LEVELS`). */
const levelsDdl = (table: string) => [`CREATE TABLE IF NOT EXISTS ${table} (employee_id text PRIMARY KEY, level text, at timestamptz NOT NULL, event_id text NOT NULL)`];

/** Fact tables that already have an index led by their employee column. */
const PERSON_INDEXED = new Set<string>([rm('appraisal_results'), rm('training_completions'), rm('effect_pairs')]);

/**
 * What cells keyed by level need before they are made or filled (idempotent: the first cells
 * migration runs it on a new database, DashboardCellLevels1760000001350 on an upgraded one): every
 * projection's levels table, filled from org-history's placements (the level of each employee's
 * latest placement that has one, the date it took effect as its instant), and an index on the
 * employee column of each fact table a level's arrival scopes. The fill is exact when org-history
 * is as far through the performance topic as the other projections; otherwise rebuild them.
 */
export async function ensureLevels(q: QueryRunner): Promise<void> {
  for (const table of Object.values(LEVELS)) {
    for (const s of levelsDdl(table)) await q.query(s);
    await q.query(`INSERT INTO ${table} (employee_id, level, at, event_id)
                   SELECT DISTINCT ON (employee_id) employee_id, level, valid_from, event_id FROM ${rm('employee_placements')}
                    WHERE level IS NOT NULL ORDER BY employee_id, valid_from DESC, event_id DESC
                   ON CONFLICT (employee_id) DO NOTHING`);
  }
  for (const spec of Object.values(CELLS) as CellSpec[]) {
    if (!spec.level) continue;
    const base = spec.level.base ?? { table: spec.facts, person: spec.level.person };
    if (PERSON_INDEXED.has(base.table)) continue;
    const bare = base.table.slice(base.table.indexOf('.') + 1);
    await q.query(`CREATE INDEX IF NOT EXISTS ${bare}_${base.person}_idx ON ${base.table} (${base.person})`);
  }
}

