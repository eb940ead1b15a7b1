import type { PolicyRules } from './policy/policy.rules';

/** A policy like a compensation team's first draft: three bands, manager → HR → executive above 5000. */
export const rulesFixture = (changes: Partial<PolicyRules> = {}): PolicyRules => ({
  currency: 'EUR',
  bands: [
    { minRank: 2, bonusPercent: 5, minPercent: 3, maxPercent: 7, recognitionPoints: 10, promotionEligible: false },
    { minRank: 3, bonusPercent: 10, minPercent: 8, maxPercent: 15, recognitionPoints: 50, promotionEligible: true },
  ],
  targetBandRank: 3,
  missedGoals: { indicatorScoreBelow: 40, withholdBonus: true, demotionReview: true },
  eligibility: { minTenureDays: 90, excludeFailedPlan: true },
  prorate: true,
  budgetCap: 20_000,
  paymentDueOn: '2028-03-31',
  approvalChain: [
    { step: 'manager', role: 'manager', above: 0 },
    { step: 'hr', role: 'hr', above: 2_000 },
    { step: 'executive', role: 'executive', above: 5_000 },
  ],
  promotion: { minRank: 3, consecutiveCycles: 2 },
  transfer: { maxRank: 1 },
  trainingRecognitionPoints: 20,
  ...changes,
});
