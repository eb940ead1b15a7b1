import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coaching read tables: ids, units, dates, statuses and figures only. No personal text is
 * kept here (agendas, answers, praise, notes, descriptions, review texts): a GET that returns it
 * reads the aggregate's own stream, where the store keeps it encrypted per person.
 */
export class CoachingRead1760000000600 implements MigrationInterface {
  name = 'CoachingRead1760000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA IF NOT EXISTS coaching_read');
    await q.query(`
      CREATE TABLE coaching_read.engagements (
        engagement_id text PRIMARY KEY, coach_id text NOT NULL, coach_kind text NOT NULL, coachee_id text NOT NULL,
        business_unit_id text NOT NULL, status text NOT NULL, cadence text NOT NULL, cycle_id text,
        style text, style_source text, style_version int, started_at timestamptz NOT NULL, closed_at timestamptz, outcome text)`);
    await q.query('CREATE INDEX engagements_coachee ON coaching_read.engagements (coachee_id, status)');
    await q.query('CREATE INDEX engagements_unit ON coaching_read.engagements (business_unit_id, status)');
    await q.query(`
      CREATE TABLE coaching_read.sessions (
        session_id text PRIMARY KEY, engagement_id text NOT NULL, coachee_id text NOT NULL, business_unit_id text NOT NULL,
        kind text NOT NULL, status text NOT NULL, scheduled_for timestamptz NOT NULL, held_at timestamptz, duration_minutes int,
        ended_at timestamptz, ended_seq bigint)`);
    await q.query('CREATE INDEX sessions_engagement ON coaching_read.sessions (engagement_id, ended_seq)');
    await q.query(`
      CREATE TABLE coaching_read.action_items (
        session_id text NOT NULL, action_item_id text NOT NULL, engagement_id text NOT NULL, business_unit_id text NOT NULL,
        owner_id text NOT NULL, due_on date NOT NULL, status text NOT NULL, done_at timestamptz, PRIMARY KEY (session_id, action_item_id))`);
    await q.query('CREATE INDEX action_items_engagement ON coaching_read.action_items (engagement_id, status)');
    await q.query('CREATE INDEX action_items_owner ON coaching_read.action_items (owner_id, status)');
    await q.query(`
      CREATE TABLE coaching_read.objective_progress (
        engagement_id text NOT NULL, objective_id text NOT NULL, completion numeric NOT NULL, recorded_at timestamptz NOT NULL,
        PRIMARY KEY (engagement_id, objective_id))`);
    await q.query(`
      CREATE TABLE coaching_read.difficulties (
        difficulty_id text PRIMARY KEY, engagement_id text NOT NULL, session_id text, employee_id text NOT NULL, business_unit_id text NOT NULL,
        kind text NOT NULL, competency text, current_level int, required_level int, need text, assignee_id text, due_on date,
        status text NOT NULL, reported_at timestamptz NOT NULL, resolved_at timestamptz, correlation_id text)`);
    await q.query('CREATE INDEX difficulties_employee ON coaching_read.difficulties (employee_id, status)');
    await q.query('CREATE INDEX difficulties_unit ON coaching_read.difficulties (business_unit_id, status)');
    await q.query('CREATE INDEX difficulties_assignee ON coaching_read.difficulties (assignee_id, status)');
    await q.query(`
      CREATE TABLE coaching_read.private_notes (
        note_id text PRIMARY KEY, engagement_id text NOT NULL, author_id text NOT NULL, coachee_id text NOT NULL,
        business_unit_id text NOT NULL, written_at timestamptz NOT NULL, revised_at timestamptz, revisions int NOT NULL DEFAULT 0)`);
    await q.query('CREATE INDEX private_notes_engagement ON coaching_read.private_notes (engagement_id)');
    await q.query(`
      CREATE TABLE coaching_read.monthly_reviews (
        review_id text PRIMARY KEY, subject_kind text NOT NULL, employee_id text, business_unit_id text NOT NULL, reviewer_id text NOT NULL,
        month text NOT NULL, due_on date NOT NULL, status text NOT NULL, reminded_at timestamptz, overdue_at timestamptz,
        submitted_at timestamptz, on_time boolean)`);
    await q.query('CREATE INDEX monthly_reviews_overdue ON coaching_read.monthly_reviews (business_unit_id) WHERE overdue_at IS NOT NULL AND status = \'open\'');
    await q.query('CREATE INDEX monthly_reviews_employee ON coaching_read.monthly_reviews (employee_id, status)');
    await q.query(`
      CREATE TABLE coaching_read.improvement_plans (
        plan_id text PRIMARY KEY, employee_id text NOT NULL, business_unit_id text NOT NULL, appraisal_id text, opened_by text NOT NULL,
        status text NOT NULL, starts_on date NOT NULL, ends_on date NOT NULL, extensions int NOT NULL DEFAULT 0, approved_by text,
        acknowledged_at timestamptz, outcome text, opened_at timestamptz NOT NULL, closed_at timestamptz, correlation_id text)`);
    await q.query('CREATE INDEX improvement_plans_employee ON coaching_read.improvement_plans (employee_id, status)');
    await q.query('CREATE INDEX improvement_plans_unit ON coaching_read.improvement_plans (business_unit_id, status)');
    // Evidence from other contexts, written by the inbox reactions in their own transaction (exactly once).
    await q.query(`
      CREATE TABLE coaching_read.appraisals (
        appraisal_id text PRIMARY KEY, employee_id text NOT NULL, business_unit_id text NOT NULL, period text NOT NULL,
        score numeric NOT NULL, rating_band text NOT NULL, rating_band_rank int NOT NULL, competency_gaps jsonb NOT NULL,
        finalized_at timestamptz NOT NULL)`);
    await q.query('CREATE INDEX appraisals_employee ON coaching_read.appraisals (employee_id, finalized_at)');
    await q.query(`
      CREATE TABLE coaching_read.training_completions (
        employee_id text NOT NULL, session_id text NOT NULL, program_id text NOT NULL, competencies jsonb NOT NULL,
        completed_at timestamptz NOT NULL, PRIMARY KEY (employee_id, session_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP SCHEMA coaching_read CASCADE');
  }
}
