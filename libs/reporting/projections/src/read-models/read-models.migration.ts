import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analyst-facing read models, all in schema `read_model` (documented in docs/read-models.md).
 * No foreign keys: events of different streams arrive in any order across topics and partitions.
 * No person names or free text: ids, dates, kinds and figures only.
 */
export class ReportingReadModels1760000000800 implements MigrationInterface {
  name = 'ReportingReadModels1760000000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA IF NOT EXISTS read_model');
    const ddl = [
      `CREATE TABLE read_model.org_units (
         business_unit_id text PRIMARY KEY, name text, parent_id text, registered_at timestamptz, updated_at timestamptz NOT NULL DEFAULT now())`,
      'CREATE INDEX org_units_parent_idx ON read_model.org_units (parent_id)',
      `CREATE TABLE read_model.employee_placements (
         event_id text PRIMARY KEY, employee_id text NOT NULL, business_unit_id text, level text,
         valid_from timestamptz NOT NULL, valid_to timestamptz)`,
      'CREATE INDEX employee_placements_employee_idx ON read_model.employee_placements (employee_id, valid_from)',
      'CREATE INDEX employee_placements_current_idx ON read_model.employee_placements (business_unit_id, level) WHERE valid_to IS NULL',
      'CREATE INDEX employee_placements_interval_idx ON read_model.employee_placements (business_unit_id, valid_from, valid_to)',

      `CREATE TABLE read_model.appraisal_results (
         appraisal_id text PRIMARY KEY, cycle_id text NOT NULL, period text NOT NULL, employee_id text NOT NULL, business_unit_id text NOT NULL,
         manager_id text, score numeric NOT NULL, rating_band text NOT NULL, rating_band_rank int NOT NULL, potential text,
         goal_attainment numeric, indicator_count int NOT NULL, competency_gap_count int NOT NULL, finalized_at timestamptz NOT NULL, correlation_id text)`,
      'CREATE INDEX appraisal_results_unit_cycle_idx ON read_model.appraisal_results (business_unit_id, cycle_id) INCLUDE (rating_band, rating_band_rank, potential, score, goal_attainment, manager_id)',
      // Covering: an org-wide panel of one cycle is an index-only scan.
      'CREATE INDEX appraisal_results_cycle_idx ON read_model.appraisal_results (cycle_id, business_unit_id) INCLUDE (rating_band, rating_band_rank, potential, score, goal_attainment, manager_id, employee_id, period)',
      'CREATE INDEX appraisal_results_period_idx ON read_model.appraisal_results (period)',
      // The scale's top rank (the 9-box thirds) read from the index, not a scan.
      'CREATE INDEX appraisal_results_rank_idx ON read_model.appraisal_results (rating_band_rank)',
      'CREATE INDEX appraisal_results_employee_idx ON read_model.appraisal_results (employee_id, finalized_at)',

      `CREATE TABLE read_model.appraisal_stages (
         cycle_id text NOT NULL, employee_id text NOT NULL, business_unit_id text,
         self_at timestamptz, manager_at timestamptz, calibrated_at timestamptz, finalized_at timestamptz, acknowledged_at timestamptz, disputed_at timestamptz,
         provisional_band text, final_band text, PRIMARY KEY (cycle_id, employee_id))`,
      'CREATE INDEX appraisal_stages_unit_idx ON read_model.appraisal_stages (business_unit_id, cycle_id)',
      `CREATE TABLE read_model.calibration_shifts (
         event_id text PRIMARY KEY, cycle_id text NOT NULL, employee_id text NOT NULL, business_unit_id text,
         from_band text NOT NULL, to_band text NOT NULL, score numeric, calibrated_by text NOT NULL, calibrated_at timestamptz NOT NULL)`,
      'CREATE INDEX calibration_shifts_unit_idx ON read_model.calibration_shifts (business_unit_id, cycle_id)',

      `CREATE TABLE read_model.training_completions (
         session_id text NOT NULL, employee_id text NOT NULL, program_id text NOT NULL, program_version int NOT NULL, business_unit_id text NOT NULL,
         exam_score numeric, attendance_share numeric NOT NULL, competencies text[] NOT NULL, completed_at timestamptz NOT NULL, PRIMARY KEY (session_id, employee_id))`,
      'CREATE INDEX training_completions_unit_idx ON read_model.training_completions (business_unit_id, completed_at)',
      'CREATE INDEX training_completions_employee_idx ON read_model.training_completions (employee_id, completed_at) INCLUDE (program_id)',
      `CREATE TABLE read_model.training_enrolments (
         session_id text NOT NULL, employee_id text NOT NULL, business_unit_id text, enrolled_at timestamptz, withdrawn_at timestamptz, PRIMARY KEY (session_id, employee_id))`,
      'CREATE INDEX training_enrolments_unit_idx ON read_model.training_enrolments (business_unit_id, enrolled_at)',
      `CREATE TABLE read_model.training_needs (
         need_id text PRIMARY KEY, employee_id text, business_unit_id text NOT NULL, competency text NOT NULL, source text, gap numeric, priority numeric,
         identified_at timestamptz, status text NOT NULL, met_by text, closed_at timestamptz)`,
      'CREATE INDEX training_needs_unit_idx ON read_model.training_needs (business_unit_id, status)',
      `CREATE TABLE read_model.training_evaluations (
         event_id text PRIMARY KEY, level int NOT NULL, program_id text NOT NULL, session_id text NOT NULL, employee_id text NOT NULL, business_unit_id text,
         value numeric NOT NULL, recorded_at timestamptz NOT NULL)`,
      'CREATE INDEX training_evaluations_program_idx ON read_model.training_evaluations (program_id, level)',

      `CREATE TABLE read_model.coaching_engagements (
         engagement_id text PRIMARY KEY, coach_id text, coachee_id text NOT NULL, business_unit_id text NOT NULL, cycle_id text, cadence text,
         started_at timestamptz, outcome text, closed_at timestamptz)`,
      'CREATE INDEX coaching_engagements_unit_idx ON read_model.coaching_engagements (business_unit_id)',
      `CREATE TABLE read_model.coaching_sessions (
         session_id text PRIMARY KEY, engagement_id text NOT NULL, coachee_id text NOT NULL, business_unit_id text NOT NULL, kind text NOT NULL,
         duration_minutes numeric NOT NULL, held_at timestamptz NOT NULL)`,
      'CREATE INDEX coaching_sessions_unit_idx ON read_model.coaching_sessions (business_unit_id, held_at)',
      `CREATE TABLE read_model.monthly_reviews (
         review_id text PRIMARY KEY, employee_id text NOT NULL, business_unit_id text NOT NULL, month text NOT NULL, due_on date NOT NULL,
         on_time boolean, submitted_at timestamptz, overdue_at timestamptz)`,
      'CREATE INDEX monthly_reviews_unit_idx ON read_model.monthly_reviews (business_unit_id, month)',
      `CREATE TABLE read_model.improvement_plans (
         plan_id text PRIMARY KEY, employee_id text NOT NULL, business_unit_id text NOT NULL, appraisal_id text, opened_by text, ends_on date,
         opened_at timestamptz, outcome text, extensions int, closed_at timestamptz)`,
      'CREATE INDEX improvement_plans_unit_idx ON read_model.improvement_plans (business_unit_id)',

      `CREATE TABLE read_model.reward_proposals (
         proposal_id text PRIMARY KEY, employee_id text NOT NULL, business_unit_id text NOT NULL, policy_id text NOT NULL, cycle_id text, kind text,
         proposed_amount numeric, approved_amount numeric, currency text, status text NOT NULL, proposed_at timestamptz, decided_at timestamptz)`,
      'CREATE INDEX reward_proposals_unit_idx ON read_model.reward_proposals (business_unit_id, policy_id)',
      `CREATE TABLE read_model.reward_grants (
         grant_id text PRIMARY KEY, proposal_id text, employee_id text NOT NULL, business_unit_id text NOT NULL, policy_id text NOT NULL, kind text,
         amount numeric, currency text, due_on date, granted_at timestamptz, paid_amount numeric, paid_on date, paid_on_time boolean, revoked_at timestamptz)`,
      'CREATE INDEX reward_grants_unit_idx ON read_model.reward_grants (business_unit_id, policy_id)',
      `CREATE TABLE read_model.incentive_effects (
         policy_id text NOT NULL, business_unit_id text NOT NULL, cycle_id text NOT NULL, function_version int NOT NULL,
         expectancy numeric, instrumentality numeric, valence numeric, effect numeric, eligible int NOT NULL, measured_at timestamptz NOT NULL,
         PRIMARY KEY (policy_id, business_unit_id, cycle_id))`,

      `CREATE TABLE read_model.employee_timeline (
         event_id text PRIMARY KEY, employee_id text NOT NULL, context text NOT NULL, type text NOT NULL, occurred_at timestamptz NOT NULL,
         business_unit_id text, correlation_id text NOT NULL, causation_id text, facts jsonb NOT NULL)`,
      'CREATE INDEX employee_timeline_employee_idx ON read_model.employee_timeline (employee_id, occurred_at)',
      'CREATE INDEX employee_timeline_correlation_idx ON read_model.employee_timeline (correlation_id)',
    ];
    for (const s of ddl) await q.query(s);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP SCHEMA read_model CASCADE');
  }
}

/**
 * A read-only role for analysts' direct SQL: it reads schema `read_model` and nothing else (no
 * event store, no checkpoints, no audit data). Default privileges make tables a rebuild creates
 * (shadows swapped in) readable too. Roles are cluster-wide: created once, granted per database.
 * Log in with a role that is a member: `CREATE ROLE ana LOGIN PASSWORD '...' IN ROLE reporting_analyst`.
 */
export class AnalystRole1760000000801 implements MigrationInterface {
  name = 'AnalystRole1760000000801';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      CREATE ROLE reporting_analyst NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await q.query(`DO $$ BEGIN EXECUTE format('GRANT CONNECT ON DATABASE %I TO reporting_analyst', current_database()); END $$`);
    await q.query('GRANT USAGE ON SCHEMA read_model TO reporting_analyst');
    await q.query('GRANT SELECT ON ALL TABLES IN SCHEMA read_model TO reporting_analyst');
    await q.query('ALTER DEFAULT PRIVILEGES IN SCHEMA read_model GRANT SELECT ON TABLES TO reporting_analyst');
    // The role may not create anything anywhere, even where PUBLIC could.
    await q.query('REVOKE CREATE ON SCHEMA public FROM reporting_analyst');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER DEFAULT PRIVILEGES IN SCHEMA read_model REVOKE SELECT ON TABLES FROM reporting_analyst');
    await q.query('REVOKE ALL ON ALL TABLES IN SCHEMA read_model FROM reporting_analyst');
    await q.query('REVOKE USAGE ON SCHEMA read_model FROM reporting_analyst');
  }
}

/**
 * The appraisal page in order from an index (cycle, sort key, id) for every sort key, plus
 * (finalized_at, id) for the default order without a cycle: a page reads the rows it returns
 * (and those its offset skips), not every appraisal of the cycle to sort them.
 */
export class AppraisalPageIndexes1760000001310 implements MigrationInterface {
  name = 'AppraisalPageIndexes1760000001310';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, column] of PAGE_INDEXES) await q.query(`CREATE INDEX IF NOT EXISTS appraisal_results_page_${name}_idx ON read_model.appraisal_results (cycle_id, ${column}, appraisal_id)`);
    await q.query('CREATE INDEX IF NOT EXISTS appraisal_results_page_finalized_all_idx ON read_model.appraisal_results (finalized_at, appraisal_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of PAGE_INDEXES) await q.query(`DROP INDEX IF EXISTS read_model.appraisal_results_page_${name}_idx`);
    await q.query('DROP INDEX IF EXISTS read_model.appraisal_results_page_finalized_all_idx');
  }
}

const PAGE_INDEXES = [
  ['finalized', 'finalized_at'],
  ['score', 'score'],
  ['band', 'rating_band_rank'],
  ['unit', 'business_unit_id'],
  ['employee', 'employee_id'],
  ['goal', 'goal_attainment'],
] as const;
