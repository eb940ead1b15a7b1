import { DomainError } from '@tpm/kernel';

export class ImprovementPlanNotFound extends DomainError {
  readonly code = 'IMPROVEMENT_PLAN_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(planId: string) {
    super(`No improvement plan ${planId}`, { planId });
  }
}
export class PlanEndsBeforeItStarts extends DomainError {
  readonly code = 'IMPROVEMENT_PLAN_ENDS_BEFORE_IT_STARTS';
  constructor(startsOn: string, endsOn: string) {
    super(`The plan cannot end on ${endsOn}, before it starts on ${startsOn}`, { startsOn, endsOn });
  }
}
export class PlanNotInState extends DomainError {
  readonly code = 'IMPROVEMENT_PLAN_STATE';
  constructor(status: string, needed: string) {
    super(`The plan is ${status}; this needs it ${needed}`, { status, needed });
  }
}
export class PlanHasNoActions extends DomainError {
  readonly code = 'IMPROVEMENT_PLAN_HAS_NO_ACTIONS';
  constructor() {
    super('A plan is approved with at least one action: what must improve, by when, with what support');
  }
}
export class ActionDueAfterPlanEnds extends DomainError {
  readonly code = 'PLAN_ACTION_DUE_AFTER_PLAN_ENDS';
  constructor(dueOn: string, endsOn: string) {
    super(`An action due on ${dueOn} falls after the plan ends on ${endsOn}`, { dueOn, endsOn });
  }
}
export class PlanActionNotFound extends DomainError {
  readonly code = 'PLAN_ACTION_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(actionId: string) {
    super(`No action ${actionId} in this plan`, { actionId });
  }
}
export class NotThePlanEmployee extends DomainError {
  readonly code = 'IMPROVEMENT_PLAN_EMPLOYEE_ONLY';
  constructor() {
    super('Only the employee the plan is about acknowledges it');
  }
}
export class PlanExtensionLimitReached extends DomainError {
  readonly code = 'IMPROVEMENT_PLAN_EXTENSION_LIMIT';
  constructor(max: number) {
    super(`The plan was already extended ${max} time(s), the configured limit`, { maxExtensions: max });
  }
}
export class ExtensionMustMoveEndLater extends DomainError {
  readonly code = 'IMPROVEMENT_PLAN_EXTENSION_NOT_LATER';
  constructor(endsOn: string, requested: string) {
    super(`An extension moves the end later than ${endsOn}, not to ${requested}`, { endsOn, requested });
  }
}
