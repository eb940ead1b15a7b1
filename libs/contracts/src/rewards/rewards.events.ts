import { contractVersion } from '../contract';
import type { Contract } from '../envelope';
import { array, boolean, instant, integer, nullable, number, object, oneOf, string } from '../schema';

/*
 * What rewards publishes: proposals, decisions, grants and payments as figures (amounts are
 * payouts, which stay after an erasure). Base pay is personal data and never leaves the context;
 * neither do reasons, comments or survey answers.
 */
export type RewardKind = 'bonus' | 'recognition' | 'promotion-eligibility';

export type RewardProposed = Contract<
  'rewards.RewardProposed',
  1,
  {
    proposalId: string;
    employeeId: string;
    businessUnitId: string;
    policyId: string;
    policyVersion: number;
    appraisalId: string;
    cycleId: string;
    bandRank: number;
    kind: RewardKind;
    amount: number;
    currency: string;
    proposedAt: string;
  }
>;
export type RewardApproved = Contract<
  'rewards.RewardApproved',
  1,
  { proposalId: string; employeeId: string; businessUnitId: string; policyId: string; step: string; amount: number; final: boolean; approvedAt: string }
>;
export type RewardRejected = Contract<
  'rewards.RewardRejected',
  1,
  { proposalId: string; employeeId: string; businessUnitId: string; policyId: string; step: string; rejectedAt: string }
>;
export type RewardGranted = Contract<
  'rewards.RewardGranted',
  1,
  { grantId: string; proposalId: string; employeeId: string; businessUnitId: string; policyId: string; kind: RewardKind; amount: number; currency: string; dueOn: string; grantedAt: string }
>;
export type RewardPaid = Contract<
  'rewards.RewardPaid',
  1,
  { grantId: string; employeeId: string; businessUnitId: string; policyId: string; amount: number; paidOn: string; onTime: boolean }
>;
export type RewardRevoked = Contract<
  'rewards.RewardRevoked',
  1,
  { grantId: string; employeeId: string; businessUnitId: string; policyId: string; revokedAt: string }
>;
export type RecognitionAwarded = Contract<
  'rewards.RecognitionAwarded',
  1,
  { awardId: string; employeeId: string; businessUnitId: string; policyId: string | null; points: number; source: 'training' | 'manager'; sourceRef: string | null; awardedAt: string }
>;
export type RecommendationMade = Contract<
  'rewards.RecommendationMade',
  1,
  {
    recommendationId: string;
    employeeId: string;
    businessUnitId: string;
    kind: 'promotion' | 'transfer' | 'demotion-review';
    appraisalIds: string[] | null;
    planId: string | null;
    madeAt: string;
  }
>;
/** The incentive effect of a policy in a unit, as computed (versioned function, inputs recorded in rewards). */
export type IncentiveEffectMeasured = Contract<
  'rewards.IncentiveEffectMeasured',
  1,
  {
    policyId: string;
    businessUnitId: string;
    cycleId: string;
    functionVersion: number;
    expectancy: number | null;
    instrumentality: number | null;
    valence: number | null;
    effect: number | null;
    eligible: number;
    measuredAt: string;
  }
>;
const kind = oneOf<RewardKind>('bonus', 'recognition', 'promotion-eligibility');

export const REWARDS_CONTRACTS = [
  contractVersion<RewardProposed>(
    'rewards.RewardProposed',
    1,
    object({
      proposalId: string(),
      employeeId: string(),
      businessUnitId: string(),
      policyId: string(),
      policyVersion: integer(),
      appraisalId: string(),
      cycleId: string(),
      bandRank: integer(),
      kind,
      amount: number(),
      currency: string(),
      proposedAt: instant(),
    }),
  ),
  contractVersion<RewardApproved>(
    'rewards.RewardApproved',
    1,
    object({
      proposalId: string(),
      employeeId: string(),
      businessUnitId: string(),
      policyId: string(),
      step: string(),
      amount: number(),
      final: boolean(),
      approvedAt: instant(),
    }),
  ),
  contractVersion<RewardRejected>(
    'rewards.RewardRejected',
    1,
    object({ proposalId: string(), employeeId: string(), businessUnitId: string(), policyId: string(), step: string(), rejectedAt: instant() }),
  ),
  contractVersion<RewardGranted>(
    'rewards.RewardGranted',
    1,
    object({
      grantId: string(),
      proposalId: string(),
      employeeId: string(),
      businessUnitId: string(),
      policyId: string(),
      kind,
      amount: number(),
      currency: string(),
      dueOn: string(),
      grantedAt: instant(),
    }),
  ),
  contractVersion<RewardPaid>(
    'rewards.RewardPaid',
    1,
    object({ grantId: string(), employeeId: string(), businessUnitId: string(), policyId: string(), amount: number(), paidOn: string(), onTime: boolean() }),
  ),
  contractVersion<RewardRevoked>(
    'rewards.RewardRevoked',
    1,
    object({ grantId: string(), employeeId: string(), businessUnitId: string(), policyId: string(), revokedAt: instant() }),
  ),
  contractVersion<RecognitionAwarded>(
    'rewards.RecognitionAwarded',
    1,
    object({
      awardId: string(),
      employeeId: string(),
      businessUnitId: string(),
      policyId: nullable(string()),
      points: number(),
      source: oneOf<'training' | 'manager'>('training', 'manager'),
      sourceRef: nullable(string()),
      awardedAt: instant(),
    }),
  ),
  contractVersion<RecommendationMade>(
    'rewards.RecommendationMade',
    1,
    object({
      recommendationId: string(),
      employeeId: string(),
      businessUnitId: string(),
      kind: oneOf<'promotion' | 'transfer' | 'demotion-review'>('promotion', 'transfer', 'demotion-review'),
      appraisalIds: nullable(array(string())),
      planId: nullable(string()),
      madeAt: instant(),
    }),
  ),
  contractVersion<IncentiveEffectMeasured>(
    'rewards.IncentiveEffectMeasured',
    1,
    object({
      policyId: string(),
      businessUnitId: string(),
      cycleId: string(),
      functionVersion: integer(),
      expectancy: nullable(number()),
      instrumentality: nullable(number()),
      valence: nullable(number()),
      effect: nullable(number()),
      eligible: integer(),
      measuredAt: instant(),
    }),
  ),
];
