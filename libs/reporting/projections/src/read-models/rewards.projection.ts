import { topicOf, type Envelope } from '@tpm/contracts';
import type { Projection } from '@tpm/projections';
import { applyLevels, CELLS, LEVELS, recomputeCells, touchedBy } from './dashboard-cells';
import { insertRows, keepFirst, keepLatest, mergeBy, rm, typeName, type Row } from './sql-rows';

export const REWARDS_TABLES = {
  proposals: rm('reward_proposals'),
  grants: rm('reward_grants'),
  effects: rm('incentive_effects'),
} as const;
export const REWARDS_TOPICS = [topicOf('rewards'), topicOf('performance')];

type D = Record<string, string | number | boolean | null>;

/**
 * Payouts per policy (proposed, approved, granted, paid, on time), and the incentive effect
 * (expectancy, instrumentality, valence) rewards measures per policy, unit and cycle, from its
 * published contracts (libs/contracts/src/rewards). Amounts are payouts, not base pay.
 */
export const rewardsProjection: Projection = {
  name: 'rewards-payouts',
  version: 1,
  handles: [
    'rewards.RewardProposed',
    'rewards.RewardApproved',
    'rewards.RewardRejected',
    'rewards.RewardGranted',
    'rewards.RewardPaid',
    'rewards.RewardRevoked',
    'rewards.IncentiveEffectMeasured',
    // The employees' levels, which key the cells (ADR 0032).
    'performance.EmployeeOnboarded',
  ],
  tables: [...Object.values(REWARDS_TABLES), LEVELS.rewards, CELLS.rewardProposals.table, CELLS.rewardGrants.table],
  async apply(batch: Envelope[], tx, tables) {
    await applyLevels(tx, tables, batch, LEVELS.rewards, [CELLS.rewardProposals, CELLS.rewardGrants]);
    const proposals: Row[] = [];
    const grants: Row[] = [];
    const effects: Row[] = [];
    for (const e of batch) {
      const d = e.data as D;
      const base = { employee_id: d.employeeId, business_unit_id: d.businessUnitId, policy_id: d.policyId };
      switch (typeName(e)) {
        case 'RewardProposed':
          proposals.push({ proposal_id: d.proposalId, ...base, cycle_id: d.cycleId, kind: d.kind, proposed_amount: d.amount, currency: d.currency, status: 'proposed', proposed_at: d.proposedAt });
          break;
        case 'RewardApproved':
          proposals.push({ proposal_id: d.proposalId, ...base, approved_amount: d.amount, status: d.final ? 'approved' : 'proposed', decided_at: d.final ? d.approvedAt : null });
          break;
        case 'RewardRejected':
          proposals.push({ proposal_id: d.proposalId, ...base, status: 'rejected', decided_at: d.rejectedAt });
          break;
        case 'RewardGranted':
          proposals.push({ proposal_id: d.proposalId, ...base, status: 'granted' });
          grants.push({ grant_id: d.grantId, proposal_id: d.proposalId, ...base, kind: d.kind, amount: d.amount, currency: d.currency, due_on: d.dueOn, granted_at: d.grantedAt });
          break;
        case 'RewardPaid':
          grants.push({ grant_id: d.grantId, ...base, paid_amount: d.amount, paid_on: d.paidOn, paid_on_time: d.onTime });
          break;
        case 'RewardRevoked':
          grants.push({ grant_id: d.grantId, ...base, revoked_at: d.revokedAt });
          break;
        case 'IncentiveEffectMeasured':
          effects.push({
            policy_id: d.policyId, business_unit_id: d.businessUnitId, cycle_id: d.cycleId, function_version: d.functionVersion, expectancy: d.expectancy,
            instrumentality: d.instrumentality, valence: d.valence, effect: d.effect, eligible: d.eligible, measured_at: d.measuredAt,
          });
          break;
      }
    }
    // Status only moves forward: proposed → approved/rejected → granted.
    const mergedProposals = mergeBy(proposals, (r) => r.proposal_id as string, 'first', ['status', 'approved_amount', 'decided_at']);
    const proposed = await touchedBy(tx, tables[REWARDS_TABLES.proposals], [['proposal_id', 'text']], mergedProposals, ['business_unit_id', 'cycle_id'], () => insertRows(
      tx,
      tables[REWARDS_TABLES.proposals],
      [['proposal_id', 'text'], ['employee_id', 'text'], ['business_unit_id', 'text'], ['policy_id', 'text'], ['cycle_id', 'text'], ['kind', 'text'], ['proposed_amount', 'numeric'], ['approved_amount', 'numeric'], ['currency', 'text'], ['status', 'text'], ['proposed_at', 'timestamptz'], ['decided_at', 'timestamptz']],
      mergedProposals,
      `ON CONFLICT (proposal_id) DO UPDATE SET ${keepFirst('t', ['cycle_id', 'kind', 'proposed_amount', 'currency', 'proposed_at'])}, ${keepLatest('t', ['approved_amount', 'decided_at'])},
         status = CASE WHEN array_position(ARRAY['proposed','approved','rejected','granted'], EXCLUDED.status) > array_position(ARRAY['proposed','approved','rejected','granted'], t.status) THEN EXCLUDED.status ELSE t.status END`,
    ));
    await recomputeCells(tx, tables, CELLS.rewardProposals, proposed);
    const mergedGrants = mergeBy(grants, (r) => r.grant_id as string);
    const granted = await touchedBy(tx, tables[REWARDS_TABLES.grants], [['grant_id', 'text']], mergedGrants, ['business_unit_id'], () => insertRows(
      tx,
      tables[REWARDS_TABLES.grants],
      [['grant_id', 'text'], ['proposal_id', 'text'], ['employee_id', 'text'], ['business_unit_id', 'text'], ['policy_id', 'text'], ['kind', 'text'], ['amount', 'numeric'], ['currency', 'text'], ['due_on', 'date'], ['granted_at', 'timestamptz'], ['paid_amount', 'numeric'], ['paid_on', 'date'], ['paid_on_time', 'boolean'], ['revoked_at', 'timestamptz']],
      mergedGrants,
      `ON CONFLICT (grant_id) DO UPDATE SET ${keepFirst('t', ['proposal_id', 'kind', 'amount', 'currency', 'due_on', 'granted_at', 'paid_amount', 'paid_on', 'paid_on_time', 'revoked_at'])}`,
    ));
    await recomputeCells(tx, tables, CELLS.rewardGrants, granted);
    await insertRows(
      tx,
      tables[REWARDS_TABLES.effects],
      [['policy_id', 'text'], ['business_unit_id', 'text'], ['cycle_id', 'text'], ['function_version', 'int'], ['expectancy', 'numeric'], ['instrumentality', 'numeric'], ['valence', 'numeric'], ['effect', 'numeric'], ['eligible', 'int'], ['measured_at', 'timestamptz']],
      mergeBy(effects, (r) => `${r.policy_id}\u0000${r.business_unit_id}\u0000${r.cycle_id}`, 'last'),
      // The latest measurement of a policy in a unit and cycle wins, whatever order they arrive in.
      `ON CONFLICT (policy_id, business_unit_id, cycle_id) DO UPDATE SET function_version = EXCLUDED.function_version, expectancy = EXCLUDED.expectancy,
         instrumentality = EXCLUDED.instrumentality, valence = EXCLUDED.valence, effect = EXCLUDED.effect, eligible = EXCLUDED.eligible, measured_at = EXCLUDED.measured_at
       WHERE EXCLUDED.measured_at >= t.measured_at`,
    );
  },
};
