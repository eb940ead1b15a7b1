import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rewards read tables. No base pay is kept: `pay_ratio` (bonus ÷ pay, for valence) and
 * `rating` (the survey answer) are personal figures, blanked when the person is erased.
 */
export class RewardsRead1760000000700 implements MigrationInterface {
  name = 'RewardsRead1760000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA IF NOT EXISTS rewards_read');
    await q.query(`
      CREATE TABLE IF NOT EXISTS rewards_read.policies (
        policy_id text NOT NULL, version int NOT NULL, business_unit_id text NOT NULL, cycle_id text NOT NULL,
        effective_from date NOT NULL, rules jsonb NOT NULL, published_at timestamptz NOT NULL, PRIMARY KEY (policy_id, version))`);
    await q.query('CREATE INDEX IF NOT EXISTS policies_unit ON rewards_read.policies (business_unit_id, cycle_id, effective_from)');
    await q.query(`
      CREATE TABLE IF NOT EXISTS rewards_read.proposals (
        proposal_id text PRIMARY KEY, appraisal_id text NOT NULL, employee_id text NOT NULL, business_unit_id text NOT NULL,
        budget_unit_id text NOT NULL, policy_id text NOT NULL, policy_version int NOT NULL, cycle_id text NOT NULL,
        band_rank int NOT NULL, target_reached boolean NOT NULL, eligible boolean NOT NULL, reasons jsonb,
        kind text, amount numeric, currency text, pay_ratio numeric, status text NOT NULL, due_on date,
        approvals int NOT NULL DEFAULT 0, proposed_at timestamptz NOT NULL, correlation_id text)`);
    await q.query('CREATE INDEX IF NOT EXISTS proposals_unit ON rewards_read.proposals (business_unit_id, cycle_id, status)');
    await q.query('CREATE INDEX IF NOT EXISTS proposals_employee ON rewards_read.proposals (employee_id, status)');
    await q.query('CREATE INDEX IF NOT EXISTS proposals_policy ON rewards_read.proposals (policy_id, cycle_id)');
    await q.query(`
      CREATE TABLE IF NOT EXISTS rewards_read.grants (
        grant_id text PRIMARY KEY, proposal_id text NOT NULL, employee_id text NOT NULL, business_unit_id text NOT NULL,
        budget_unit_id text NOT NULL, policy_id text NOT NULL, cycle_id text NOT NULL, amount numeric NOT NULL, currency text NOT NULL,
        due_on date NOT NULL, granted_at timestamptz NOT NULL, paid_on date, on_time boolean, status text NOT NULL,
        flagged_late boolean NOT NULL DEFAULT false)`);
    await q.query('CREATE INDEX IF NOT EXISTS grants_policy ON rewards_read.grants (policy_id, cycle_id)');
    await q.query('CREATE INDEX IF NOT EXISTS grants_employee ON rewards_read.grants (employee_id)');
    await q.query(`
      CREATE TABLE IF NOT EXISTS rewards_read.budgets (
        budget_unit_id text NOT NULL, cycle_id text NOT NULL, cap numeric NOT NULL, committed numeric NOT NULL,
        reservations int NOT NULL, PRIMARY KEY (budget_unit_id, cycle_id))`);
    await q.query(`
      CREATE TABLE IF NOT EXISTS rewards_read.ratings (
        employee_id text NOT NULL, cycle_id text NOT NULL, policy_id text NOT NULL, business_unit_id text NOT NULL,
        rating numeric, rated_at timestamptz NOT NULL, PRIMARY KEY (employee_id, cycle_id))`);
    await q.query('CREATE INDEX IF NOT EXISTS ratings_policy ON rewards_read.ratings (policy_id, cycle_id)');
    await q.query(`
      CREATE TABLE IF NOT EXISTS rewards_read.recommendations (
        recommendation_id text PRIMARY KEY, employee_id text NOT NULL, business_unit_id text NOT NULL, kind text NOT NULL,
        reason text NOT NULL, appraisal_ids jsonb, plan_id text, made_at timestamptz NOT NULL)`);
    await q.query('CREATE INDEX IF NOT EXISTS recommendations_unit ON rewards_read.recommendations (business_unit_id, kind)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['recommendations', 'ratings', 'budgets', 'grants', 'proposals', 'policies']) await q.query(`DROP TABLE rewards_read.${t}`);
  }
}
