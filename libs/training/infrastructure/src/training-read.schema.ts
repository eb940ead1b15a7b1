import type { Queryable } from '@tpm/scheduler';

/**
 * The training service's read side, in its own database: written by the store projector
 * (from its own events) and by the inbox reactions (appraisals from performance), each in the
 * transaction that also moves its checkpoint or inbox row.
 */
export async function ensureTrainingReadSchema(db: Queryable): Promise<void> {
  await db.query(`
    CREATE SCHEMA IF NOT EXISTS training_read;
    CREATE TABLE IF NOT EXISTS training_read.checkpoints (name text PRIMARY KEY, position text NOT NULL);
    CREATE TABLE IF NOT EXISTS training_read.needs (
      need_id text PRIMARY KEY, stream_id text NOT NULL, employee_id text, business_unit_id text NOT NULL,
      competency text NOT NULL, current_level int NOT NULL, required_level int NOT NULL, gap int NOT NULL,
      source text NOT NULL, source_ref text, strategic_weight numeric NOT NULL, priority numeric NOT NULL,
      priority_version int NOT NULL, status text NOT NULL, correlation_id text, identified_at timestamptz NOT NULL,
      closed_at timestamptz, closed_by text);
    CREATE INDEX IF NOT EXISTS needs_unit ON training_read.needs (business_unit_id, status);
    CREATE INDEX IF NOT EXISTS needs_employee ON training_read.needs (employee_id, status);
    CREATE TABLE IF NOT EXISTS training_read.enrolments (
      session_id text NOT NULL, employee_id text NOT NULL, business_unit_id text NOT NULL, status text NOT NULL,
      via text, enrolled_at timestamptz NOT NULL, PRIMARY KEY (session_id, employee_id));
    CREATE INDEX IF NOT EXISTS enrolments_employee ON training_read.enrolments (employee_id, status);
    CREATE TABLE IF NOT EXISTS training_read.completions (
      employee_id text NOT NULL, program_id text NOT NULL, session_id text NOT NULL, business_unit_id text NOT NULL,
      completed_at timestamptz NOT NULL, PRIMARY KEY (employee_id, session_id));
    CREATE INDEX IF NOT EXISTS completions_program ON training_read.completions (program_id);
    CREATE TABLE IF NOT EXISTS training_read.evaluations (
      session_id text NOT NULL, employee_id text NOT NULL, program_id text NOT NULL,
      reaction_average numeric, pre_score numeric, post_score numeric, learning_gain numeric, behaviour_rating numeric,
      PRIMARY KEY (session_id, employee_id));
    CREATE INDEX IF NOT EXISTS evaluations_program ON training_read.evaluations (program_id);
    CREATE TABLE IF NOT EXISTS training_read.appraisals (
      appraisal_id text PRIMARY KEY, employee_id text NOT NULL, business_unit_id text NOT NULL, period text NOT NULL,
      score numeric NOT NULL, rating_band text NOT NULL, rating_band_rank int NOT NULL, indicator_average numeric NOT NULL,
      finalized_at timestamptz NOT NULL);
    CREATE INDEX IF NOT EXISTS appraisals_employee ON training_read.appraisals (employee_id);
    CREATE INDEX IF NOT EXISTS appraisals_unit_period ON training_read.appraisals (business_unit_id, period);
  `);
}
