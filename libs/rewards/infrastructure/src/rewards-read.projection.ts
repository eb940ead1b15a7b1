import type { Envelope } from '@tpm/contracts';
import { quoteTable, type Projection } from '@tpm/projections';
import type { BudgetEvent, CareerEvent, GrantEvent, PolicyEvent, ProposalEvent, SurveyEvent } from '@tpm/rewards-domain';
import type { EntityManager } from 'typeorm';

export const REWARDS_READ = 'rewards-read';
export const REWARDS_READ_TABLES = {
  policies: 'rewards_read.policies',
  proposals: 'rewards_read.proposals',
  grants: 'rewards_read.grants',
  budgets: 'rewards_read.budgets',
  ratings: 'rewards_read.ratings',
  recommendations: 'rewards_read.recommendations',
} as const;

type Stored = PolicyEvent | ProposalEvent | GrantEvent | BudgetEvent | SurveyEvent | CareerEvent;
type Row = Record<string, unknown>;

/** Rows created in the batch (inserted whole), and patches of rows made before it (only the columns they name). */
class Changes {
  readonly created = new Map<string, Row>();
  readonly patched = new Map<string, Row>();
  create(key: string, row: Row) {
    this.created.set(key, row);
  }
  patch(key: string, patch: Row) {
    const target = this.created.get(key) ?? this.patched.get(key);
    if (target) Object.assign(target, patch);
    else this.patched.set(key, { ...patch });
  }
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Folds a batch in log order, so each table takes one insert and one update whatever the batch size. */
export const foldRewardsBatch = (batch: Envelope[]) => {
  const policies = new Changes();
  const proposals = new Changes();
  const grants = new Changes();
  const budgets = new Changes();
  const ratings = new Changes();
  const recommendations = new Changes();
  /** Adjusted amounts, last one per proposal: pay_ratio scales with the amount (base pay is not kept). */
  const adjusted = new Map<string, number>();
  /** Approvals of proposals made before the batch: added to their count. */
  const approvedInBatch = new Map<string, number>();
  for (const envelope of batch) {
    const e = { type: envelope.type.replace(/^rewards\./, ''), data: envelope.data } as Stored;
    switch (e.type) {
      case 'PolicyDefined':
      case 'PolicyVersionPublished': {
        const d = e.data;
        policies.create(`${d.policyId}@${d.version}`, { policy_id: d.policyId, version: d.version, business_unit_id: d.businessUnitId, cycle_id: d.cycleId, effective_from: d.effectiveFrom, rules: d.rules, published_at: d.at });
        break;
      }
      case 'RewardProposed': {
        const d = e.data;
        const pay = num(d.provenance.basePay);
        proposals.create(d.proposalId, {
          proposal_id: d.proposalId, appraisal_id: d.appraisalId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, budget_unit_id: d.provenance.budgetUnitId,
          policy_id: d.provenance.policyId, policy_version: d.provenance.policyVersion, cycle_id: d.cycleId, band_rank: d.provenance.bandRank, target_reached: d.targetReached,
          eligible: true, reasons: null, kind: d.kind, amount: d.amount, currency: d.provenance.currency, pay_ratio: pay ? d.amount / pay : null, status: 'proposed',
          due_on: d.dueOn, approvals: 0, proposed_at: d.at, correlation_id: envelope.correlationId,
        });
        break;
      }
      case 'EmployeeFoundIneligible': {
        const d = e.data;
        proposals.create(d.proposalId, {
          proposal_id: d.proposalId, appraisal_id: d.appraisalId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, budget_unit_id: d.budgetUnitId,
          policy_id: d.policyId, policy_version: d.policyVersion, cycle_id: d.cycleId, band_rank: d.bandRank, target_reached: d.targetReached, eligible: false,
          reasons: d.reasons, status: 'ineligible', approvals: 0, proposed_at: d.at, correlation_id: envelope.correlationId,
        });
        break;
      }
      case 'ProposalAdjusted':
        adjusted.set(e.data.proposalId, e.data.amount);
        break;
      case 'RewardApproved': {
        const created = proposals.created.get(e.data.proposalId);
        if (created) created.approvals = (created.approvals as number) + 1;
        else approvedInBatch.set(e.data.proposalId, (approvedInBatch.get(e.data.proposalId) ?? 0) + 1);
        proposals.patch(e.data.proposalId, { status: e.data.final ? 'approved' : 'in-approval' });
        break;
      }
      case 'RewardRejected':
        proposals.patch(e.data.proposalId, { status: 'rejected' });
        break;
      case 'ProposalWithdrawn':
        proposals.patch(e.data.proposalId, { status: 'withdrawn' });
        break;
      case 'RewardGranted': {
        const d = e.data;
        grants.create(d.grantId, {
          grant_id: d.grantId, proposal_id: d.proposalId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, budget_unit_id: d.budgetUnitId, policy_id: d.policyId,
          cycle_id: d.cycleId, amount: d.amount, currency: d.currency, due_on: d.dueOn, granted_at: d.at, status: 'granted', flagged_late: false,
        });
        break;
      }
      case 'RewardPaid':
        grants.patch(e.data.grantId, { status: 'paid', paid_on: e.data.paidOn, on_time: e.data.onTime });
        break;
      case 'RewardRevoked':
        grants.patch(e.data.grantId, { status: 'revoked' });
        break;
      case 'GrantFlaggedLate':
        grants.patch(e.data.grantId, { flagged_late: true });
        break;
      case 'BudgetReserved':
      case 'BudgetReleased': {
        const d = e.data;
        const key = `${d.budgetUnitId}@${d.cycleId}`;
        const cap = e.type === 'BudgetReserved' ? { cap: e.data.cap } : {};
        // The stream is the truth: its committed total after each event; the count follows reservations in and out.
        const delta = (budgets.patched.get(key)?.delta as number | undefined) ?? 0;
        budgets.patch(key, { budget_unit_id: d.budgetUnitId, cycle_id: d.cycleId, committed: d.committed, ...cap, delta: delta + (e.type === 'BudgetReserved' ? 1 : -1) });
        break;
      }
      case 'RewardRated': {
        const d = e.data;
        ratings.patch(`${d.employeeId}@${d.cycleId}`, { employee_id: d.employeeId, cycle_id: d.cycleId, policy_id: d.policyId, business_unit_id: d.businessUnitId, rating: num(d.rating), rated_at: d.at });
        break;
      }
      case 'RecommendationMade': {
        const d = e.data;
        recommendations.create(d.recommendationId, { recommendation_id: d.recommendationId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, kind: d.kind, reason: d.reason, appraisal_ids: d.appraisalIds, plan_id: d.planId, made_at: d.at });
        break;
      }
      default:
        break;
    }
  }
  return { policies, proposals, grants, budgets, ratings, recommendations, adjusted, approvedInBatch };
};

const insert = (tx: EntityManager, table: string, rows: Row[]) =>
  rows.length ? tx.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(null::${table}, $1::jsonb) ON CONFLICT DO NOTHING`, [JSON.stringify(rows)]) : undefined;

/** Each patch sets only the columns it names: the stored row is the base, the patch overrides. */
const update = (tx: EntityManager, table: string, key: string[], columns: string[], rows: Row[]) =>
  rows.length
    ? tx.query(
        `UPDATE ${table} r SET (${columns.join(', ')}) = (SELECT ${columns.map((c) => `p.${c}`).join(', ')} FROM jsonb_populate_record(r, x) p)
           FROM jsonb_array_elements($1::jsonb) x WHERE ${key.map((k) => `r.${k}::text = x->>'${k}'`).join(' AND ')}`,
        [JSON.stringify(rows)],
      )
    : undefined;

export const rewardsReadProjection: Projection = {
  name: REWARDS_READ,
  version: 1,
  handles: [
    'PolicyDefined', 'PolicyVersionPublished', 'RewardProposed', 'EmployeeFoundIneligible', 'ProposalAdjusted', 'RewardApproved', 'RewardRejected', 'ProposalWithdrawn',
    'RewardGranted', 'RewardPaid', 'RewardRevoked', 'GrantFlaggedLate', 'BudgetReserved', 'BudgetReleased', 'RewardRated', 'RecommendationMade',
  ].map((t) => `rewards.${t}`),
  tables: Object.values(REWARDS_READ_TABLES),
  // The runner's transaction also stores the checkpoint: never commit here.
  async apply(batch, tx, tables) {
    const t = Object.fromEntries(Object.entries(REWARDS_READ_TABLES).map(([k, v]) => [k, quoteTable(tables[v])])) as Record<keyof typeof REWARDS_READ_TABLES, string>;
    const c = foldRewardsBatch(batch);
    await insert(tx, t.policies, [...c.policies.created.values()]);
    await insert(tx, t.proposals, [...c.proposals.created.values()]);
    await update(tx, t.proposals, ['proposal_id'], ['status'], [...c.proposals.patched.entries()].map(([id, p]) => ({ ...p, proposal_id: id })));
    if (c.approvedInBatch.size) {
      await tx.query(`UPDATE ${t.proposals} r SET approvals = r.approvals + (x->>'n')::int FROM jsonb_array_elements($1::jsonb) x WHERE r.proposal_id = x->>'proposal_id'`, [
        JSON.stringify([...c.approvedInBatch].map(([proposal_id, n]) => ({ proposal_id, n }))),
      ]);
    }
    if (c.adjusted.size) {
      await tx.query(
        `UPDATE ${t.proposals} r SET pay_ratio = CASE WHEN r.amount > 0 THEN r.pay_ratio * (x->>'amount')::numeric / r.amount ELSE r.pay_ratio END, amount = (x->>'amount')::numeric
           FROM jsonb_array_elements($1::jsonb) x WHERE r.proposal_id = x->>'proposal_id'`,
        [JSON.stringify([...c.adjusted].map(([proposal_id, amount]) => ({ proposal_id, amount })))],
      );
    }
    await insert(tx, t.grants, [...c.grants.created.values()]);
    for (const cols of [['status'], ['paid_on', 'on_time'], ['flagged_late']]) {
      await update(tx, t.grants, ['grant_id'], cols, [...c.grants.patched.entries()].filter(([, p]) => cols.every((col) => col in p)).map(([id, p]) => ({ ...p, grant_id: id })));
    }
    const budgetRows = JSON.stringify([...c.budgets.patched.values()]);
    if (c.budgets.patched.size) {
      await tx.query(`INSERT INTO ${t.budgets} (budget_unit_id, cycle_id, cap, committed, reservations) SELECT x->>'budget_unit_id', x->>'cycle_id', 0, 0, 0 FROM jsonb_array_elements($1::jsonb) x ON CONFLICT DO NOTHING`, [budgetRows]);
      await tx.query(
        `UPDATE ${t.budgets} r SET committed = (x->>'committed')::numeric, cap = COALESCE((x->>'cap')::numeric, r.cap), reservations = r.reservations + (x->>'delta')::int
           FROM jsonb_array_elements($1::jsonb) x WHERE r.budget_unit_id = x->>'budget_unit_id' AND r.cycle_id = x->>'cycle_id'`,
        [budgetRows],
      );
    }
    const ratingRows = [...c.ratings.patched.values()];
    if (ratingRows.length) {
      await tx.query(
        `INSERT INTO ${t.ratings} SELECT * FROM jsonb_populate_recordset(null::${t.ratings}, $1::jsonb)
         ON CONFLICT (employee_id, cycle_id) DO UPDATE SET rating = EXCLUDED.rating, policy_id = EXCLUDED.policy_id, business_unit_id = EXCLUDED.business_unit_id, rated_at = EXCLUDED.rated_at`,
        [JSON.stringify(ratingRows)],
      );
    }
    await insert(tx, t.recommendations, [...c.recommendations.created.values()]);
  },
};
