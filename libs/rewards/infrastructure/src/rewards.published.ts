import type { IncentiveEffectMeasured, RecognitionAwarded, RecommendationMade, RewardApproved, RewardGranted, RewardPaid, RewardProposed, RewardRejected, RewardRevoked } from '@tpm/contracts';
import { publishedLanguage } from '@tpm/contracts';
import type { CareerEvent, EffectEvent, GrantEvent, ProposalEvent, RecognitionEvent } from '@tpm/rewards-domain';

type Published = ProposalEvent | GrantEvent | RecognitionEvent | CareerEvent | EffectEvent;

/**
 * What rewards publishes on `rewards.events`: proposals, decisions, grants, payments,
 * recognition, recommendations and measured effects, as ids, dates and figures. Base pay,
 * reasons, comments and survey answers never leave the context; policies, pay, budgets,
 * adjustments, ineligibility, late flags and cycle results travel on `rewards.log` only.
 */
export const rewardsPublished = publishedLanguage<Published>({
  RewardProposed: (d): RewardProposed => ({
    type: 'rewards.RewardProposed',
    version: 1,
    data: {
      proposalId: d.proposalId,
      employeeId: d.employeeId,
      businessUnitId: d.businessUnitId,
      policyId: d.provenance.policyId,
      policyVersion: d.provenance.policyVersion,
      appraisalId: d.appraisalId,
      cycleId: d.cycleId,
      bandRank: d.provenance.bandRank,
      kind: d.kind,
      amount: d.amount,
      currency: d.provenance.currency,
      proposedAt: d.at,
    },
  }),
  RewardApproved: (d): RewardApproved => ({
    type: 'rewards.RewardApproved',
    version: 1,
    data: { proposalId: d.proposalId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, policyId: d.policyId, step: d.step, amount: d.amount, final: d.final, approvedAt: d.at },
  }),
  RewardRejected: (d): RewardRejected => ({
    type: 'rewards.RewardRejected',
    version: 1,
    data: { proposalId: d.proposalId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, policyId: d.policyId, step: d.step, rejectedAt: d.at },
  }),
  RewardGranted: (d): RewardGranted => ({
    type: 'rewards.RewardGranted',
    version: 1,
    data: { grantId: d.grantId, proposalId: d.proposalId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, policyId: d.policyId, kind: d.kind, amount: d.amount, currency: d.currency, dueOn: d.dueOn, grantedAt: d.at },
  }),
  RewardPaid: (d): RewardPaid => ({
    type: 'rewards.RewardPaid',
    version: 1,
    data: { grantId: d.grantId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, policyId: d.policyId, amount: d.amount, paidOn: d.paidOn, onTime: d.onTime },
  }),
  RewardRevoked: (d): RewardRevoked => ({
    type: 'rewards.RewardRevoked',
    version: 1,
    data: { grantId: d.grantId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, policyId: d.policyId, revokedAt: d.at },
  }),
  RecognitionAwarded: (d): RecognitionAwarded => ({
    type: 'rewards.RecognitionAwarded',
    version: 1,
    data: { awardId: d.awardId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, policyId: d.policyId, points: d.points, source: d.source, sourceRef: d.sourceRef, awardedAt: d.at },
  }),
  RecommendationMade: (d): RecommendationMade => ({
    type: 'rewards.RecommendationMade',
    version: 1,
    data: { recommendationId: d.recommendationId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, kind: d.kind, appraisalIds: d.appraisalIds, planId: d.planId, madeAt: d.at },
  }),
  IncentiveEffectMeasured: (d): IncentiveEffectMeasured => ({
    type: 'rewards.IncentiveEffectMeasured',
    version: 1,
    data: {
      policyId: d.policyId,
      businessUnitId: d.businessUnitId,
      cycleId: d.cycleId,
      functionVersion: d.result.functionVersion,
      expectancy: d.result.expectancy,
      instrumentality: d.result.instrumentality,
      valence: d.result.valence,
      effect: d.result.effect,
      eligible: d.inputs.eligible,
      measuredAt: d.at,
    },
  }),
});
