import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CELLS, cellsDdl, cellsInsert, LEVELS, SPREADS, spreadDdl, spreadInsert, beforeLevels, type CellSpec } from './dashboard-cells';
import { EFFECT_CELLS } from './training-effect.projection';
import { ensureLevels } from './levels.migration';

/**
 * The dashboards' cells (ADR 0030) and their fill from the facts already stored, so that an
 * upgraded deployment answers from cells at once, without a rebuild. The projections keep them
 * from here on, in the transaction of each batch. The DDL and the fill are the specs' own (one
 * source for the migration, the projections and the reads): a spec changed later is a new
 * migration that drops and refills its table.
 */
export class DashboardCells1760000001200 implements MigrationInterface {
  name = 'DashboardCells1760000001200';

  async up(q: QueryRunner): Promise<void> {
    // The cells are keyed by the employees' levels (DashboardCellLevels1760000001350): their tables first.
    await ensureLevels(q);
    for (const spec of Object.values(CELLS)) {
      for (const s of cellsDdl(spec)) await q.query(s);
      await q.query(cellsInsert(spec, {}));
    }
    for (const spec of Object.values(SPREADS)) {
      for (const s of spreadDdl(spec)) await q.query(s);
      await q.query(spreadInsert(spec, {}));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const spec of [...Object.values(CELLS), ...Object.values(SPREADS)]) await q.query(`DROP TABLE IF EXISTS ${spec.table}`);
  }
}

/**
 * The appraisal cells keep the earliest and latest finalization of their facts (`min_at`,
 * `max_at`; `CellSpec.time`), so time windows are answered from cells (ADR 0030, "Time windows").
 * On a database where `DashboardCells1760000001200` made them without, the columns are added and
 * the cells refilled from the facts; on a new one that migration already made them, and the
 * refill gives the same rows.
 */
export class DashboardCellTimes1760000001320 implements MigrationInterface {
  name = 'DashboardCellTimes1760000001320';

  async up(q: QueryRunner): Promise<void> {
    for (const spec of [CELLS.appraisalBands, CELLS.appraisalManagers, CELLS.appraisalBoxes]) await addCellTimes(q, spec);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const spec of [CELLS.appraisalBands, CELLS.appraisalManagers, CELLS.appraisalBoxes]) await dropCellTimes(q, spec);
  }
}

/** The calibration cells keep their instants too (`calibrated_at`), as 1320 did for the appraisal cells. */
export class CalibrationCellTimes1760000001330 implements MigrationInterface {
  name = 'CalibrationCellTimes1760000001330';

  async up(q: QueryRunner): Promise<void> {
    await addCellTimes(q, CELLS.calibrationShifts);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropCellTimes(q, CELLS.calibrationShifts);
  }
}

/** Reward grants keep the range of `granted_at`, and how many have none yet (`untimed`). */
export class RewardGrantCellTimes1760000001340 implements MigrationInterface {
  name = 'RewardGrantCellTimes1760000001340';

  async up(q: QueryRunner): Promise<void> {
    await addCellTimes(q, CELLS.rewardGrants);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropCellTimes(q, CELLS.rewardGrants);
  }
}

/**
 * The cells are keyed by the level of each fact's employee too (`employee_level`; ADR 0032), so the
 * `level` filter is answered from cells. Each cell-keeping projection keeps its own levels table
 * from `performance.EmployeeOnboarded`; here they are made and filled from org-history's
 * placements, and every cells table keyed by level is made again and refilled from the facts. On a
 * new database the earlier migrations made them so already, and this gives the same rows.
 */
export class DashboardCellLevels1760000001350 implements MigrationInterface {
  name = 'DashboardCellLevels1760000001350';

  async up(q: QueryRunner): Promise<void> {
    await ensureLevels(q);
    for (const spec of LEVELLED) {
      await q.query(`DROP TABLE IF EXISTS ${spec.table}`);
      for (const s of cellsDdl(spec)) await q.query(s);
      await q.query(cellsInsert(spec, {}));
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const spec of LEVELLED) {
      const before = beforeLevels(spec);
      await q.query(`DROP TABLE IF EXISTS ${spec.table}`);
      for (const s of cellsDdl(before)) await q.query(s);
      await q.query(cellsInsert(before, {}));
    }
    for (const table of Object.values(LEVELS)) await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}

const LEVELLED: CellSpec[] = [...Object.values(CELLS), ...Object.values(EFFECT_CELLS)].filter((s: CellSpec) => Boolean(s.level));

async function addCellTimes(q: QueryRunner, spec: CellSpec): Promise<void> {
  await q.query(`ALTER TABLE ${spec.table} ADD COLUMN IF NOT EXISTS min_at timestamptz, ADD COLUMN IF NOT EXISTS max_at timestamptz`);
  if (spec.timeNullable) await q.query(`ALTER TABLE ${spec.table} ADD COLUMN IF NOT EXISTS untimed int`);
  await q.query(`DELETE FROM ${spec.table}`);
  // Refilled in the shape of its day (no level key: the tables may have none yet); 1350 keys them by level.
  await q.query(cellsInsert(beforeLevels(spec), {}));
}

async function dropCellTimes(q: QueryRunner, spec: CellSpec): Promise<void> {
  await q.query(`ALTER TABLE ${spec.table} DROP COLUMN IF EXISTS min_at, DROP COLUMN IF EXISTS max_at, DROP COLUMN IF EXISTS untimed`);
}
