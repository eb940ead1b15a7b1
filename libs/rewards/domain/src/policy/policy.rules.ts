/** What a policy grants per rating band (ranks as performance publishes them: 1 = lowest). */
export interface BandReward {
  /** The band applies from this rank upwards, until the next band's minRank. */
  minRank: number;
  /** Bonus as a share of base pay, in percent, before proration. */
  bonusPercent: number;
  /** The range a manager may adjust the bonus within (percent of pay, before proration). */
  minPercent: number;
  maxPercent: number;
  recognitionPoints: number;
  promotionEligible: boolean;
}

export type ApproverRole = 'manager' | 'hr' | 'executive';

/** A step is needed when the amount is above its threshold; the first step is always needed. */
export interface ApprovalStep {
  step: string;
  role: ApproverRole;
  above: number;
}

export interface PolicyRules {
  currency: string;
  bands: BandReward[];
  /** The band rank an employee must reach for the reward: what expectancy measures. */
  targetBandRank: number;
  /** Goals are missed when an indicator scored below this; the consequences follow. */
  missedGoals: { indicatorScoreBelow: number; withholdBonus: boolean; demotionReview: boolean };
  eligibility: { minTenureDays: number; excludeFailedPlan: boolean };
  /** Bonus prorated by the share of the period the employee was employed. */
  prorate: boolean;
  /** The most the unit may commit in the cycle (sum of approved bonuses). */
  budgetCap: number;
  /** Grants are due to be paid by this date (YYYY-MM-DD). */
  paymentDueOn: string;
  approvalChain: ApprovalStep[];
  promotion: { minRank: number; consecutiveCycles: number };
  /** A capable person in the wrong role: high potential with a band at or below maxRank. */
  transfer: { maxRank: number } | null;
  /** Recognition points per completed training. */
  trainingRecognitionPoints: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every problem of the rules, named; empty when they hold. */
export const policyProblems = (r: PolicyRules): string[] => {
  const p: string[] = [];
  if (!/^[A-Z]{3}$/.test(r.currency)) p.push('currency must be an ISO 4217 code');
  if (!r.bands.length) p.push('at least one band is required');
  const ranks = r.bands.map((b) => b.minRank);
  if (new Set(ranks).size !== ranks.length) p.push('two bands start at the same rank');
  for (const b of r.bands) {
    if (!(b.minPercent <= b.bonusPercent && b.bonusPercent <= b.maxPercent)) p.push(`band from rank ${b.minRank}: minPercent <= bonusPercent <= maxPercent must hold`);
    if (b.minPercent < 0 || b.recognitionPoints < 0) p.push(`band from rank ${b.minRank}: percentages and points cannot be negative`);
  }
  if (r.budgetCap < 0) p.push('budgetCap cannot be negative');
  if (!DATE.test(r.paymentDueOn)) p.push('paymentDueOn must be a date (YYYY-MM-DD)');
  if (!r.approvalChain.length) p.push('the approval chain needs at least one step');
  const steps = r.approvalChain.map((s) => s.step);
  if (new Set(steps).size !== steps.length) p.push('approval steps must have distinct names');
  for (let i = 1; i < r.approvalChain.length; i++) {
    if (r.approvalChain[i].above < r.approvalChain[i - 1].above) p.push('approval thresholds must not decrease along the chain');
  }
  if (r.promotion.consecutiveCycles < 1) p.push('promotion.consecutiveCycles must be at least 1');
  return p;
};

/** The band reward for a rank: the highest band starting at or below it; null below every band. */
export const bandFor = (rules: PolicyRules, rank: number): BandReward | null =>
  [...rules.bands].sort((a, b) => b.minRank - a.minRank).find((b) => b.minRank <= rank) ?? null;

/** The chain steps an amount needs, in order. */
export const stepsFor = (chain: ApprovalStep[], amount: number): ApprovalStep[] => chain.filter((s, i) => i === 0 || amount > s.above);
