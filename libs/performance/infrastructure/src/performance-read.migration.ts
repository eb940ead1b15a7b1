import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The performance context's read tables (ADR 0025): cycles and their participants with each
 * appraisal's figures, the goal and objective tree, and the org facts enrolment reads (who is
 * active where, which unit is under which). Figures and ids only, except goal and objective
 * titles, which the alignment tree shows (blanked when the person is erased).
 */
export class PerformanceRead1760000000900 implements MigrationInterface {
  name = 'PerformanceRead1760000000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA IF NOT EXISTS performance_read');
    await q.query(`
      CREATE TABLE performance_read.cycles (
        cycle_id text PRIMARY KEY, period text NOT NULL, business_unit_id text, bands jsonb NOT NULL, rules_version int NOT NULL,
        stage text NOT NULL, participant_count int NOT NULL DEFAULT 0, version int NOT NULL)`);
    await q.query('CREATE INDEX cycles_period ON performance_read.cycles (period)');
    await q.query(`
      CREATE TABLE performance_read.cycle_participants (
        cycle_id text NOT NULL, employee_id text NOT NULL, business_unit_id text NOT NULL, PRIMARY KEY (cycle_id, employee_id))`);
    await q.query('CREATE INDEX cycle_participants_employee ON performance_read.cycle_participants (employee_id)');
    await q.query(`
      CREATE TABLE performance_read.appraisals (
        cycle_id text NOT NULL, employee_id text NOT NULL, rating_band text, score numeric, objectives jsonb,
        finalized boolean NOT NULL DEFAULT false, PRIMARY KEY (cycle_id, employee_id))`);
    await q.query(`
      CREATE TABLE performance_read.goals (
        goal_id text PRIMARY KEY, period text NOT NULL, title text NOT NULL, parent_goal_id text, business_unit_id text, position bigint NOT NULL)`);
    await q.query('CREATE INDEX goals_period ON performance_read.goals (period, position)');
    await q.query(`
      CREATE TABLE performance_read.objectives (
        period text NOT NULL, employee_id text NOT NULL, objective_id text NOT NULL, title text NOT NULL, parent_goal_id text,
        position bigint NOT NULL, PRIMARY KEY (period, employee_id, objective_id))`);
    await q.query('CREATE INDEX objectives_employee ON performance_read.objectives (employee_id)');
    await q.query(`
      CREATE TABLE performance_read.employees (employee_id text PRIMARY KEY, business_unit_id text NOT NULL, active boolean NOT NULL)`);
    await q.query('CREATE INDEX employees_unit ON performance_read.employees (business_unit_id) WHERE active');
    await q.query(`CREATE TABLE performance_read.business_units (business_unit_id text PRIMARY KEY, parent_id text)`);
    await q.query('CREATE INDEX business_units_parent ON performance_read.business_units (parent_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['business_units', 'employees', 'objectives', 'goals', 'appraisals', 'cycle_participants', 'cycles']) await q.query(`DROP TABLE performance_read.${t}`);
  }
}
