import { DomainError } from '@tpm/kernel';

export class PlanNotFound extends DomainError {
  readonly code = 'PLAN_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(planId: string) {
    super(`Training plan ${planId} does not exist`, { planId });
  }
}
export class PlanAlreadyDrafted extends DomainError {
  readonly code = 'PLAN_ALREADY_DRAFTED';
  override readonly kind = 'conflict' as const;
  constructor(planId: string) {
    super(`Training plan ${planId} already exists: revise it instead`, { planId });
  }
}
export class PlanInWrongStatus extends DomainError {
  readonly code = 'PLAN_WRONG_STATUS';
  constructor(planId: string, status: string, expected: string) {
    super(`Training plan ${planId} is ${status}; this needs it ${expected}`, { planId, status, expected });
  }
}
export class PlanApproverNotAllowed extends DomainError {
  readonly code = 'PLAN_APPROVER_NOT_ALLOWED';
  constructor(approvedBy: string) {
    super(`Only an executive or HR approves a training plan, not ${approvedBy}`, { approvedBy });
  }
}
export class PlanBudgetExceeded extends DomainError {
  readonly code = 'PLAN_BUDGET_EXCEEDED';
  constructor(planId: string, spent: number, amount: number, budget: number) {
    super(`Spending ${amount} on plan ${planId} would exceed its approved budget ${budget} (spent ${spent})`, { planId, spent, amount, budget });
  }
}
export class InvalidPlan extends DomainError {
  readonly code = 'PLAN_INVALID';
  constructor(reason: string) {
    super(reason, { reason });
  }
}
