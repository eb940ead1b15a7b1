import { DomainError } from '@tpm/kernel';

/** Rules of the rewards context, each with a stable code (422 unless its kind says otherwise). */
export class PolicyInvalid extends DomainError {
  readonly code = 'POLICY_INVALID';
  constructor(problems: string[]) {
    super(`The incentive policy is not valid: ${problems.join('; ')}`, { problems });
  }
}
export class PolicyNotFound extends DomainError {
  readonly code = 'POLICY_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(policyId: string) {
    super(`Incentive policy ${policyId} does not exist`, { policyId });
  }
}
export class PolicyAlreadyDefined extends DomainError {
  readonly code = 'POLICY_ALREADY_DEFINED';
  constructor(policyId: string) {
    super(`Incentive policy ${policyId} is already defined: publish a new version from a date instead`, { policyId });
  }
}
/** A version in force is never edited: a change starts after the latest version and not in the past. */
export class PolicyVersionNotInFuture extends DomainError {
  readonly code = 'POLICY_VERSION_MUST_START_LATER';
  constructor(effectiveFrom: string, notBefore: string) {
    super(`A new policy version must start on or after ${notBefore} (after the latest version, never in the past); got ${effectiveFrom}`, { effectiveFrom, notBefore });
  }
}
export class ProposalNotFound extends DomainError {
  readonly code = 'PROPOSAL_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(proposalId: string) {
    super(`Reward proposal ${proposalId} does not exist`, { proposalId });
  }
}
export class ProposalNotOpen extends DomainError {
  readonly code = 'PROPOSAL_NOT_OPEN';
  constructor(proposalId: string, status: string) {
    super(`Reward proposal ${proposalId} is ${status}: it can no longer be changed`, { proposalId, status });
  }
}
export class AdjustmentOutOfRange extends DomainError {
  readonly code = 'ADJUSTMENT_OUT_OF_POLICY_RANGE';
  constructor(amount: number, min: number, max: number) {
    super(`An adjusted amount must lie within the policy's range ${min}-${max}; got ${amount}`, { amount, min, max });
  }
}
export class AdjustmentAfterApproval extends DomainError {
  readonly code = 'ADJUSTMENT_AFTER_APPROVAL';
  constructor(proposalId: string) {
    super(`Reward proposal ${proposalId} already has an approval: adjust it only before the chain starts`, { proposalId });
  }
}
export class ApproverRoleRequired extends DomainError {
  readonly code = 'APPROVAL_STEP_ROLE_REQUIRED';
  override readonly kind = 'rule' as const;
  constructor(step: string, role: string) {
    super(`The next approval step (${step}) is for the ${role} role`, { step, role });
  }
}
export class ApproverAlreadyApproved extends DomainError {
  readonly code = 'APPROVER_ALREADY_APPROVED';
  constructor(step: string) {
    super(`The same person may not approve two steps of one chain (step ${step})`, { step });
  }
}
export class BudgetCapExceeded extends DomainError {
  readonly code = 'BUDGET_CAP_EXCEEDED';
  constructor(budgetUnitId: string, cycleId: string, cap: number, committed: number, amount: number) {
    super(`Approving ${amount} would take the committed total of unit ${budgetUnitId} in cycle ${cycleId} to ${committed + amount}, over its cap of ${cap}`, {
      rule: 'budget-cap',
      budgetUnitId,
      cycleId,
      cap,
      committed,
      amount,
    });
  }
}
export class GrantNotFound extends DomainError {
  readonly code = 'GRANT_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(grantId: string) {
    super(`Reward grant ${grantId} does not exist`, { grantId });
  }
}
export class GrantNotPayable extends DomainError {
  readonly code = 'GRANT_NOT_PAYABLE';
  constructor(grantId: string, status: string) {
    super(`Reward grant ${grantId} is ${status}: it cannot be paid`, { grantId, status });
  }
}
export class GrantAlreadyRevoked extends DomainError {
  readonly code = 'GRANT_ALREADY_REVOKED';
  constructor(grantId: string) {
    super(`Reward grant ${grantId} is already revoked`, { grantId });
  }
}
export class PaymentBeforeGrant extends DomainError {
  readonly code = 'PAYMENT_BEFORE_GRANT';
  constructor(paidOn: string, grantedOn: string) {
    super(`A payment on ${paidOn} cannot precede the grant of ${grantedOn}`, { paidOn, grantedOn });
  }
}
export class PaymentInFuture extends DomainError {
  readonly code = 'PAYMENT_DATE_IN_FUTURE';
  constructor(paidOn: string, today: string) {
    super(`A payment is recorded once made: ${paidOn} is after today (${today})`, { paidOn, today });
  }
}
export class SurveyRatingOutOfRange extends DomainError {
  readonly code = 'SURVEY_RATING_OUT_OF_RANGE';
  constructor(rating: number) {
    super(`A reward rating is 1 to 5; got ${rating}`, { rating });
  }
}
export class SurveyWithoutReward extends DomainError {
  readonly code = 'SURVEY_WITHOUT_REWARD';
  constructor(cycleId: string) {
    super(`There is no reward of yours in cycle ${cycleId} to rate`, { cycleId });
  }
}
