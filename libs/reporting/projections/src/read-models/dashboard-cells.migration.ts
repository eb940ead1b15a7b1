import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CELLS, cellsDdl, cellsInsert, SPREADS, spreadDdl, spreadInsert } from './dashboard-cells';

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
