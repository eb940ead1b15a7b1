import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The training read tables. IF NOT EXISTS because databases made before migrations already hold
 * them (they were created at boot); the old `checkpoints` table gives way to the runner's own.
 */
export class TrainingRead1760000000400 implements MigrationInterface {
  name = 'TrainingRead1760000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA IF NOT EXISTS training_read');
    await q.query('DROP TABLE IF EXISTS training_read.checkpoints');
    await q.query(`
      CREATE TABLE IF NOT EXISTS training_read.needs (
        need_id text PRIMARY KEY, stream_id text NOT NULL, employee_id text, business_unit_id text NOT NULL,
        competency text NOT NULL, current_level int NOT NULL, required_level int NOT NULL, gap int NOT NULL,
        source text NOT NULL, source_ref text, strategic_weight numeric NOT NULL, priority numeric NOT NULL,
        priority_version int NOT NULL, status text NOT NULL, correlation_id text, identified_at timestamptz NOT NULL,
        closed_at timestamptz, closed_by text)`);
    await q.query('CREATE INDEX IF NOT EXISTS needs_unit ON training_read.needs (business_unit_id, status)');
    await q.query('CREATE INDEX IF NOT EXISTS needs_employee ON training_read.needs (employee_id, status)');
    await q.query(`
      CREATE TABLE IF NOT EXISTS training_read.enrolments (
        session_id text NOT NULL, employee_id text NOT NULL, business_unit_id text NOT NULL, status text NOT NULL,
        via text, enrolled_at timestamptz NOT NULL, PRIMARY KEY (session_id, employee_id))`);
    await q.query('CREATE INDEX IF NOT EXISTS enrolments_employee ON training_read.enrolments (employee_id, status)');
    await q.query(`
      CREATE TABLE IF NOT EXISTS training_read.completions (
        employee_id text NOT NULL, program_id text NOT NULL, session_id text NOT NULL, business_unit_id text NOT NULL,
        completed_at timestamptz NOT NULL, PRIMARY KEY (employee_id, session_id))`);
    await q.query('CREATE INDEX IF NOT EXISTS completions_program ON training_read.completions (program_id)');
    await q.query(`
      CREATE TABLE IF NOT EXISTS training_read.evaluations (
        session_id text NOT NULL, employee_id text NOT NULL, program_id text NOT NULL,
        reaction_average numeric, pre_score numeric, post_score numeric, learning_gain numeric, behaviour_rating numeric,
        PRIMARY KEY (session_id, employee_id))`);
    await q.query('CREATE INDEX IF NOT EXISTS evaluations_program ON training_read.evaluations (program_id)');
    await q.query(`
      CREATE TABLE IF NOT EXISTS training_read.appraisals (
        appraisal_id text PRIMARY KEY, employee_id text NOT NULL, business_unit_id text NOT NULL, period text NOT NULL,
        score numeric NOT NULL, rating_band text NOT NULL, rating_band_rank int NOT NULL, indicator_average numeric NOT NULL,
        finalized_at timestamptz NOT NULL)`);
    await q.query('CREATE INDEX IF NOT EXISTS appraisals_employee ON training_read.appraisals (employee_id)');
    await q.query('CREATE INDEX IF NOT EXISTS appraisals_unit_period ON training_read.appraisals (business_unit_id, period)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['appraisals', 'evaluations', 'completions', 'enrolments', 'needs']) await q.query(`DROP TABLE training_read.${t}`);
  }
}
