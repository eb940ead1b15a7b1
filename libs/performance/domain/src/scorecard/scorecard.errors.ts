import { DomainError } from '@tpm/kernel';
import type { CycleStage } from '../appraisal-cycle/appraisal-cycle.events';

export class ObjectiveNotFound extends DomainError {
  readonly code = 'OBJECTIVE_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(readonly objectiveId: string) {
    super(`Objective ${objectiveId} is not on this scorecard`, { objectiveId });
  }
}

export class ObjectiveAlreadyAssigned extends DomainError {
  readonly code = 'OBJECTIVE_ALREADY_ASSIGNED';
  override readonly kind = 'conflict' as const;
  constructor(readonly objectiveId: string) {
    super(`Objective ${objectiveId} is already on this scorecard with different data`, { objectiveId });
  }
}

export class IndicatorAlreadyDefined extends DomainError {
  readonly code = 'INDICATOR_ALREADY_DEFINED';
  override readonly kind = 'conflict' as const;
  constructor(readonly indicatorId: string) {
    super(`Indicator ${indicatorId} is already defined on this scorecard with different data`, { indicatorId });
  }
}

export class ObjectiveTitleRequired extends DomainError {
  readonly code = 'OBJECTIVE_TITLE_REQUIRED';
  override readonly kind = 'invalid' as const;
  constructor(readonly objectiveId: string) {
    super(`Objective ${objectiveId} needs a title`, { objectiveId });
  }
}

export class ObjectiveWeightOutOfRange extends DomainError {
  readonly code = 'OBJECTIVE_WEIGHT_OUT_OF_RANGE';
  constructor(readonly objectiveId: string, readonly weight: number) {
    super(`Objective ${objectiveId} weighs ${weight}: a weight is above 0 and at most 100`, { objectiveId, weight });
  }
}

/** "Weights sum to 100": while objectives are added the sum may stay below, never above. */
export class WeightsExceed100 extends DomainError {
  readonly code = 'WEIGHTS_EXCEED_100';
  constructor(readonly total: number) {
    super(`Objective weights would sum to ${total}: they must sum to 100`, { total });
  }
}

export class WeightsMustSumTo100 extends DomainError {
  readonly code = 'WEIGHTS_MUST_SUM_TO_100';
  constructor(readonly total: number) {
    super(`Objective weights sum to ${total}: they must sum to 100`, { total });
  }
}

export class WeightsMustCoverEveryObjective extends DomainError {
  readonly code = 'WEIGHTS_MUST_COVER_EVERY_OBJECTIVE';
  constructor(readonly missing: string[], readonly unknown: string[]) {
    super(`A weight adjustment names every objective once (missing: ${missing.join(', ') || 'none'}; unknown or repeated: ${unknown.join(', ') || 'none'})`, { missing, unknown });
  }
}

export class GoalOfAnotherPeriod extends DomainError {
  readonly code = 'GOAL_OF_ANOTHER_PERIOD';
  constructor(readonly goalId: string, readonly goalPeriod: string, readonly period: string) {
    super(`Goal ${goalId} belongs to period ${goalPeriod}, not ${period}`, { goalId, goalPeriod, period });
  }
}

export class ProgressOutsidePeriod extends DomainError {
  readonly code = 'PROGRESS_OUTSIDE_PERIOD';
  constructor(readonly month: string, readonly period: string) {
    super(`Progress for ${month} does not belong to period ${period}`, { month, period });
  }
}

/** Alignment: an objective serves a unit goal only for someone in that unit's subtree. */
export class ObjectiveOutsideGoalUnit extends DomainError {
  readonly code = 'OBJECTIVE_OUTSIDE_GOAL_UNIT';
  constructor(readonly objectiveId: string, readonly employeeId: string, readonly goalId: string, readonly goalBusinessUnitId: string) {
    super(`Objective ${objectiveId} cannot serve goal ${goalId}: employee ${employeeId} is outside its unit ${goalBusinessUnitId}`, {
      objectiveId,
      employeeId,
      goalId,
      goalBusinessUnitId,
    });
  }
}

export class ScorecardFrozen extends DomainError {
  readonly code = 'SCORECARD_FROZEN';
  constructor(readonly employeeId: string, readonly period: string, readonly stage: CycleStage) {
    super(`The ${period} scorecard of ${employeeId} is frozen: the appraisal cycle is in ${stage}`, { employeeId, period, stage });
  }
}
