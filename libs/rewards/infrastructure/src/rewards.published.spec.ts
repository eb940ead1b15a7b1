import { contractProblems, currentVersionOf } from '@tpm/contracts';
import { rewardsPublished } from './rewards.published';

const at = '2028-01-16T10:00:00.000Z';
const chain = [{ step: 'manager', role: 'manager' as const, above: 0 }];
const provenance = { policyId: 'pol-1', policyVersion: 2, budgetUnitId: 'BU-ROOT', band: 'exceeds', bandRank: 3, bonusPercent: 10, basePay: 61_234, currency: 'EUR', proration: 1, goalsMissed: false, withheld: false, chain };
const stored = (type: string, data: unknown) => ({ type, schemaVersion: 1, data });

describe('rewards.events carries exactly its published contracts', () => {
  const published = [
    stored('RewardProposed', { proposalId: 'p1', appraisalId: 'ap-1', cycleId: 'C-1', employeeId: 'ana', businessUnitId: 'BU-S', kind: 'bonus', amount: 6_123.4, min: 1, max: 9, steps: chain, provenance, targetReached: true, dueOn: '2028-03-31', at }),
    stored('RewardApproved', { proposalId: 'p1', employeeId: 'ana', businessUnitId: 'BU-S', policyId: 'pol-1', step: 'manager', role: 'manager', by: 'mgr-1', amount: 6_123.4, final: true, at }),
    stored('RewardRejected', { proposalId: 'p1', employeeId: 'ana', businessUnitId: 'BU-S', policyId: 'pol-1', step: 'hr', by: 'hr-1', reason: 'private words about ana', at }),
    stored('RewardGranted', { grantId: 'g1', proposalId: 'p1', employeeId: 'ana', businessUnitId: 'BU-S', budgetUnitId: 'BU-ROOT', policyId: 'pol-1', cycleId: 'C-1', kind: 'bonus', amount: 6_123.4, currency: 'EUR', dueOn: '2028-03-31', at }),
    stored('RewardPaid', { grantId: 'g1', employeeId: 'ana', businessUnitId: 'BU-S', policyId: 'pol-1', amount: 6_123.4, paidOn: '2028-03-30', onTime: true, at }),
    stored('RewardRevoked', { grantId: 'g1', proposalId: 'p1', employeeId: 'ana', businessUnitId: 'BU-S', budgetUnitId: 'BU-ROOT', cycleId: 'C-1', policyId: 'pol-1', reason: 'private words about ana', at }),
    stored('RecognitionAwarded', { awardId: 'aw', employeeId: 'ana', businessUnitId: 'BU-S', policyId: 'pol-1', points: 20, source: 'training', sourceRef: 'S-1', at }),
    stored('RecommendationMade', { recommendationId: 'r', employeeId: 'ana', businessUnitId: 'BU-S', kind: 'promotion', reason: 'band-sustained', appraisalIds: ['ap-1'], planId: null, at }),
    stored('IncentiveEffectMeasured', {
      policyId: 'pol-1', businessUnitId: 'BU-ROOT', cycleId: 'C-1', at,
      inputs: { eligible: 4, reachedTarget: 2, promised: 3, granted: 2, paidOnTime: 1, meanRewardToPay: 0.1, ratings: 1, meanRating: 4 },
      result: { functionVersion: 1, expectancy: 0.5, expectancyFlag: null, grantedShare: 0.67, onTimeShare: 0.5, instrumentality: 0.33, sizeValence: 1, surveyValence: 0.75, valence: 0.88, effect: 0.15 },
    }),
  ];

  it('publishes each decision as a valid contract of its current version', () => {
    for (const e of published) {
      const c = rewardsPublished(e)!;
      expect(c.version).toBe(currentVersionOf(c.type));
      expect({ type: c.type, problems: contractProblems(c) }).toEqual({ type: c.type, problems: [] });
    }
  });

  it('never publishes base pay, reasons or who decided', () => {
    const text = JSON.stringify(published.map(rewardsPublished));
    expect(text).not.toContain('61234');
    expect(text).not.toContain('private words');
    expect(text).not.toContain('mgr-1');
  });

  it('keeps policies, pay, budgets, adjustments, ratings and late flags on the log only', () => {
    for (const type of ['PolicyDefined', 'PolicyVersionPublished', 'BasePayRecorded', 'BudgetReserved', 'BudgetReleased', 'ProposalAdjusted', 'EmployeeFoundIneligible', 'RewardRated', 'GrantFlaggedLate', 'CycleResultRecorded', 'PlanOutcomeNoted']) {
      expect(rewardsPublished(stored(type, {}))).toBeNull();
    }
  });
});
