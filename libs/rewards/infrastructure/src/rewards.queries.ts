import type { EmployeeDirectory, PolicyCatalogue, RewardFacts } from '@tpm/rewards-application';
import type { IncentiveEffectInputs, PolicyInForce, PolicyRules } from '@tpm/rewards-domain';
import type { Pool } from 'pg';

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The rewards read model's answers: the policy in force for a unit (its own, else the nearest
 * ancestor's), the org copy by employee number, the effect inputs and the lists the API serves.
 * No query returns base pay: there is none in these tables.
 */
export class RewardsQueries implements PolicyCatalogue, EmployeeDirectory, RewardFacts {
  constructor(private readonly pool: Pool) {}

  async inForce(businessUnitId: string, cycleId: string | null, on: string): Promise<PolicyInForce | null> {
    const { rows } = await this.pool.query<{ policy_id: string; version: number; business_unit_id: string; rules: PolicyRules }>(
      `WITH RECURSIVE up(id, depth) AS (
         SELECT $1::text, 0
         UNION ALL
         SELECT b.parent_id, up.depth + 1 FROM org_reference.business_units b JOIN up ON b.business_unit_id = up.id WHERE b.parent_id IS NOT NULL AND up.depth < 64)
       SELECT p.policy_id, p.version, p.business_unit_id, p.rules FROM rewards_read.policies p JOIN up ON p.business_unit_id = up.id
        WHERE ($2::text IS NULL OR p.cycle_id = $2) AND p.effective_from <= $3::date
        ORDER BY up.depth, p.effective_from DESC, p.version DESC LIMIT 1`,
      [businessUnitId, cycleId, on.slice(0, 10)],
    );
    const r = rows[0];
    return r ? { policyId: r.policy_id, version: r.version, businessUnitId: r.business_unit_id, rules: r.rules } : null;
  }

  async definedFor(businessUnitId: string, cycleId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ policy_id: string }>(`SELECT policy_id FROM rewards_read.policies WHERE business_unit_id = $1 AND cycle_id = $2 LIMIT 1`, [businessUnitId, cycleId]);
    return rows[0]?.policy_id ?? null;
  }

  async employee(employeeId: string) {
    const { rows } = await this.pool.query<{ businessUnitId: string; active: boolean }>(`SELECT business_unit_id AS "businessUnitId", active FROM org_reference.employees WHERE employee_id = $1`, [employeeId]);
    return rows[0] ?? null;
  }

  async byNumbers(employeeNumbers: string[]) {
    const { rows } = await this.pool.query<{ employee_number: string; employee_id: string; business_unit_id: string }>(
      `SELECT employee_number, employee_id, business_unit_id FROM org_reference.employees WHERE employee_number = ANY($1) AND active`,
      [employeeNumbers],
    );
    return new Map(rows.map((r) => [r.employee_number, { employeeId: r.employee_id, businessUnitId: r.business_unit_id }]));
  }

  async effectInputs(policyId: string, businessUnitIds: string[], cycleId: string, asOf: string): Promise<IncentiveEffectInputs> {
    const { rows } = await this.pool.query(
      `SELECT
         (SELECT count(*) FROM rewards_read.proposals WHERE business_unit_id = ANY($2) AND eligible AND proposed_at <= $4)::int AS eligible,
         (SELECT count(*) FROM rewards_read.proposals WHERE business_unit_id = ANY($2) AND eligible AND target_reached AND proposed_at <= $4)::int AS reached,
         (SELECT count(*) FROM rewards_read.proposals WHERE policy_id = $1 AND cycle_id = $3 AND business_unit_id = ANY($2) AND eligible AND amount > 0 AND status <> 'withdrawn')::int AS promised,
         (SELECT count(*) FROM rewards_read.grants WHERE policy_id = $1 AND cycle_id = $3 AND business_unit_id = ANY($2) AND status <> 'revoked')::int AS granted,
         (SELECT count(*) FROM rewards_read.grants WHERE policy_id = $1 AND cycle_id = $3 AND business_unit_id = ANY($2) AND status = 'paid' AND on_time)::int AS on_time,
         (SELECT avg(p.pay_ratio) FROM rewards_read.grants g JOIN rewards_read.proposals p USING (proposal_id)
           WHERE g.policy_id = $1 AND g.cycle_id = $3 AND g.business_unit_id = ANY($2) AND g.status <> 'revoked' AND p.pay_ratio IS NOT NULL) AS ratio,
         (SELECT count(rating) FROM rewards_read.ratings WHERE policy_id = $1 AND cycle_id = $3 AND business_unit_id = ANY($2))::int AS ratings,
         (SELECT avg(rating) FROM rewards_read.ratings WHERE policy_id = $1 AND cycle_id = $3 AND business_unit_id = ANY($2)) AS mean_rating`,
      [policyId, businessUnitIds, cycleId, asOf],
    );
    const r = rows[0];
    const r6 = (v: unknown) => (n(v) === null ? null : Math.round(Number(v) * 1_000_000) / 1_000_000);
    return { eligible: r.eligible, reachedTarget: r.reached, promised: r.promised, granted: r.granted, paidOnTime: r.on_time, meanRewardToPay: r6(r.ratio), ratings: r.ratings, meanRating: r6(r.mean_rating) };
  }

  async rewardOf(employeeId: string, cycleId: string) {
    const { rows } = await this.pool.query<{ policyId: string; businessUnitId: string }>(
      `SELECT policy_id AS "policyId", business_unit_id AS "businessUnitId" FROM rewards_read.proposals WHERE employee_id = $1 AND cycle_id = $2 AND eligible LIMIT 1`,
      [employeeId, cycleId],
    );
    return rows[0] ?? null;
  }

  /** Proposals of units, without pay: what managers, HR and executives work through. */
  async proposals(filter: { businessUnitIds: string[] | null; cycleId?: string; status?: string; limit?: number }) {
    const { rows } = await this.pool.query(
      `SELECT proposal_id AS "proposalId", appraisal_id AS "appraisalId", employee_id AS "employeeId", business_unit_id AS "businessUnitId", policy_id AS "policyId",
              policy_version AS "policyVersion", cycle_id AS "cycleId", band_rank AS "bandRank", eligible, reasons, kind, amount::float8 AS amount, currency, status, approvals, proposed_at AS "proposedAt"
         FROM rewards_read.proposals
        WHERE ($1::text[] IS NULL OR business_unit_id = ANY($1)) AND ($2::text IS NULL OR cycle_id = $2) AND ($3::text IS NULL OR status = $3)
        ORDER BY proposed_at, proposal_id LIMIT $4`,
      [filter.businessUnitIds, filter.cycleId ?? null, filter.status ?? null, filter.limit ?? 200],
    );
    return rows;
  }

  async proposalIdsOf(employeeId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ proposal_id: string }>(`SELECT proposal_id FROM rewards_read.proposals WHERE employee_id = $1 ORDER BY proposed_at`, [employeeId]);
    return rows.map((r) => r.proposal_id);
  }

  async openProposalsOf(employeeId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ proposal_id: string }>(`SELECT proposal_id FROM rewards_read.proposals WHERE employee_id = $1 AND status IN ('proposed', 'in-approval') ORDER BY proposal_id`, [employeeId]);
    return rows.map((r) => r.proposal_id);
  }

  /** Payout against budget per unit and cycle: aggregates only, no person in them. */
  async budgets(businessUnitIds: string[] | null, cycleId?: string) {
    const { rows } = await this.pool.query(
      `SELECT budget_unit_id AS "budgetUnitId", cycle_id AS "cycleId", cap::float8 AS cap, committed::float8 AS committed, reservations FROM rewards_read.budgets
        WHERE ($1::text[] IS NULL OR budget_unit_id = ANY($1)) AND ($2::text IS NULL OR cycle_id = $2) ORDER BY budget_unit_id, cycle_id`,
      [businessUnitIds, cycleId ?? null],
    );
    return rows;
  }

  /** Grants due and unpaid, or paid late: what payroll must look at. */
  async lateGrants(businessUnitIds: string[] | null) {
    const { rows } = await this.pool.query(
      `SELECT grant_id AS "grantId", employee_id AS "employeeId", business_unit_id AS "businessUnitId", policy_id AS "policyId", amount::float8 AS amount, due_on::text AS "dueOn", paid_on::text AS "paidOn", status
         FROM rewards_read.grants WHERE ($1::text[] IS NULL OR business_unit_id = ANY($1)) AND (flagged_late OR on_time = false) ORDER BY due_on, grant_id`,
      [businessUnitIds],
    );
    return rows;
  }

  /** What a person's erasure blanks: the pay-derived ratio and the survey answer (ids and payouts stay). */
  static readonly ERASE_SQL = [
    `UPDATE rewards_read.proposals SET pay_ratio = NULL WHERE employee_id = $1`,
    `UPDATE rewards_read.ratings SET rating = NULL WHERE employee_id = $1`,
  ];
}
