import { DomainError } from '@tpm/kernel';

export class GoalNotFound extends DomainError {
  readonly code = 'GOAL_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(readonly goalId: string) {
    super(`Goal ${goalId} does not exist`, { goalId });
  }
}

export class ParentGoalNotFound extends DomainError {
  readonly code = 'PARENT_GOAL_NOT_FOUND';
  constructor(readonly parentGoalId: string) {
    super(`Parent goal ${parentGoalId} does not exist: a goal cascades only from an existing one`, { parentGoalId });
  }
}

export class GoalAlreadySet extends DomainError {
  readonly code = 'GOAL_ALREADY_SET';
  override readonly kind = 'conflict' as const;
  constructor(readonly goalId: string) {
    super(`Goal ${goalId} already exists with different data`, { goalId });
  }
}

export class GoalTitleRequired extends DomainError {
  readonly code = 'GOAL_TITLE_REQUIRED';
  override readonly kind = 'invalid' as const;
  constructor(readonly goalId: string) {
    super(`Goal ${goalId} needs a title`, { goalId });
  }
}

export class GoalCannotBeItsOwnParent extends DomainError {
  readonly code = 'GOAL_SELF_PARENT';
  constructor(readonly goalId: string) {
    super(`Goal ${goalId} cannot cascade from itself`, { goalId });
  }
}

/** Alignment: a unit takes its share only of a goal its own branch of the tree holds. */
export class CascadeOutsideParentUnit extends DomainError {
  readonly code = 'GOAL_CASCADE_OUTSIDE_PARENT_UNIT';
  constructor(readonly goalId: string, readonly businessUnitId: string, readonly parentGoalId: string, readonly parentBusinessUnitId: string) {
    super(`Goal ${goalId} cannot cascade into ${businessUnitId}: it lies outside unit ${parentBusinessUnitId} of parent goal ${parentGoalId}`, {
      goalId,
      businessUnitId,
      parentGoalId,
      parentBusinessUnitId,
    });
  }
}
