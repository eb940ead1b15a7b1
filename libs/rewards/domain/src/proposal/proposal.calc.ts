import type { BasePay } from '../pay/pay.decider';
import { bandFor, stepsFor, type ApprovalStep, type PolicyRules } from '../policy/policy.rules';
import { daysBetween, periodDates } from './period';

export interface AppraisalResult {
  appraisalId: string;
  cycleId: string;
  employeeId: string;
  businessUnitId: string;
  period: string;
  ratingBand: string;
  ratingBandRank: number;
  indicatorScores: number[];
  finalizedAt: string;
}

export interface PolicyInForce {
  policyId: string;
  version: number;
  /** The unit that owns the policy: its budget is the one a proposal draws on. */
  businessUnitId: string;
  rules: PolicyRules;
}

export type IneligibleReason = 'inactive' | 'no-base-pay' | 'tenure-below-minimum' | 'failed-improvement-plan' | 'below-every-band';

/** What a proposal is computed from and how: kept on the proposal, so it can be explained later. */
export interface Provenance {
  policyId: string;
  policyVersion: number;
  budgetUnitId: string;
  band: string;
  bandRank: number;
  bonusPercent: number;
  basePay: number;
  currency: string;
  proration: number;
  goalsMissed: boolean;
  withheld: boolean;
  /** The policy's whole approval chain: an adjusted amount finds its steps in it. */
  chain: ApprovalStep[];
}

export type Computed =
  | { eligible: false; reasons: IneligibleReason[]; policyId: string; policyVersion: number; budgetUnitId: string; bandRank: number; targetReached: boolean }
  | { eligible: true; amount: number; min: number; max: number; steps: ApprovalStep[]; provenance: Provenance; targetReached: boolean; recognitionPoints: number; promotionEligible: boolean };

const cents = (n: number) => Math.round(n * 100) / 100;

/**
 * The reward a finalized appraisal earns under the policy in force: eligibility (active, tenure
 * in the period, no failed improvement plan), the band's bonus share of pay, prorated by the time
 * employed in the period, withheld when goals were missed and the policy says so. Pure: the same
 * inputs always give the same proposal.
 */
export const computeProposal = (a: AppraisalResult, policy: PolicyInForce, pay: BasePay | null, facts: { active: boolean; failedPlanInPeriod: boolean }): Computed => {
  const { rules } = policy;
  const period = periodDates(a.period, a.finalizedAt);
  const band = bandFor(rules, a.ratingBandRank);
  const targetReached = a.ratingBandRank >= rules.targetBandRank;
  const reasons: IneligibleReason[] = [];
  if (!facts.active) reasons.push('inactive');
  if (!pay) reasons.push('no-base-pay');
  const from = pay && pay.startedOn > period.start ? pay.startedOn : period.start;
  const employedDays = pay ? Math.max(0, daysBetween(from, period.end)) : 0;
  if (pay && employedDays < rules.eligibility.minTenureDays) reasons.push('tenure-below-minimum');
  if (rules.eligibility.excludeFailedPlan && facts.failedPlanInPeriod) reasons.push('failed-improvement-plan');
  if (!band) reasons.push('below-every-band');
  if (reasons.length || !pay || !band) return { eligible: false, reasons, policyId: policy.policyId, policyVersion: policy.version, budgetUnitId: policy.businessUnitId, bandRank: a.ratingBandRank, targetReached };

  const proration = rules.prorate ? Math.min(1, employedDays / daysBetween(period.start, period.end)) : 1;
  const goalsMissed = a.indicatorScores.some((s) => s < rules.missedGoals.indicatorScoreBelow);
  const withheld = goalsMissed && rules.missedGoals.withholdBonus;
  const share = (percent: number) => (withheld ? 0 : cents((pay.amount * percent * proration) / 100));
  const amount = share(band.bonusPercent);
  return {
    eligible: true,
    amount,
    min: share(band.minPercent),
    max: share(band.maxPercent),
    steps: stepsFor(rules.approvalChain, amount),
    targetReached,
    recognitionPoints: band.recognitionPoints,
    promotionEligible: band.promotionEligible,
    provenance: {
      policyId: policy.policyId,
      policyVersion: policy.version,
      budgetUnitId: policy.businessUnitId,
      band: a.ratingBand,
      bandRank: a.ratingBandRank,
      bonusPercent: band.bonusPercent,
      basePay: pay.amount,
      currency: pay.currency,
      proration: Math.round(proration * 10_000) / 10_000,
      goalsMissed,
      withheld,
      chain: rules.approvalChain,
    },
  };
};
