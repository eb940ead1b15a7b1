import { DomainError } from '@tpm/kernel';

export class OnlyTheEmployeeSelfAssesses extends DomainError {
  readonly code = 'ONLY_THE_EMPLOYEE_SELF_ASSESSES';
  constructor(readonly employeeId: string, readonly by: string | null) {
    super(`Only employee ${employeeId} can submit their self-assessment`, { employeeId, by });
  }
}

export class SelfAssessmentAlreadySubmitted extends DomainError {
  readonly code = 'SELF_ASSESSMENT_ALREADY_SUBMITTED';
  override readonly kind = 'conflict' as const;
  constructor(readonly employeeId: string) {
    super(`Employee ${employeeId} has already submitted a different self-assessment`, { employeeId });
  }
}

/** "Only the employee's manager (or a delegate) assesses." */
export class NotTheEmployeesManager extends DomainError {
  readonly code = 'NOT_THE_EMPLOYEES_MANAGER';
  constructor(readonly employeeId: string, readonly assessorId: string | null) {
    super(`Only the manager of employee ${employeeId} or their delegate can assess them`, { employeeId, assessorId });
  }
}

export class CannotAssessOneself extends DomainError {
  readonly code = 'CANNOT_ASSESS_ONESELF';
  constructor(readonly employeeId: string) {
    super(`Employee ${employeeId} cannot assess or be delegated their own appraisal`, { employeeId });
  }
}

export class ScorecardNotReady extends DomainError {
  readonly code = 'SCORECARD_NOT_READY';
  constructor(readonly reason: string) {
    super(`The scorecard cannot be appraised: ${reason}`, { reason });
  }
}

export class IndicatorResultMissing extends DomainError {
  readonly code = 'INDICATOR_RESULT_MISSING';
  constructor(readonly indicatorId: string) {
    super(`The assessment gives no result for indicator ${indicatorId}`, { indicatorId });
  }
}

export class UnknownIndicatorResult extends DomainError {
  readonly code = 'UNKNOWN_INDICATOR_RESULT';
  constructor(readonly indicatorId: string) {
    super(`Indicator ${indicatorId} is not on the scorecard, or is assessed twice`, { indicatorId });
  }
}

export class CompetencyRatingOutOfScale extends DomainError {
  readonly code = 'COMPETENCY_RATING_OUT_OF_SCALE';
  constructor(readonly competency: string, readonly level: number) {
    super(`Competency ${competency} is rated ${level}: levels are whole numbers 1-5`, { competency, level });
  }
}

export class NotYetAssessed extends DomainError {
  readonly code = 'NOT_YET_ASSESSED';
  constructor(readonly employeeId: string) {
    super(`Employee ${employeeId} has no manager assessment yet`, { employeeId });
  }
}

export class CalibrationReasonRequired extends DomainError {
  readonly code = 'CALIBRATION_REASON_REQUIRED';
  override readonly kind = 'invalid' as const;
  constructor(readonly employeeId: string) {
    super(`Calibrating the rating of employee ${employeeId} needs a reason`, { employeeId });
  }
}

export class UnknownRatingBand extends DomainError {
  readonly code = 'UNKNOWN_RATING_BAND';
  constructor(readonly band: string, readonly bands: string[]) {
    super(`Rating band ${band} is not one of the cycle's bands (${bands.join(', ')})`, { band, bands });
  }
}

/** "No finalization before calibration." */
export class NoFinalizationBeforeCalibration extends DomainError {
  readonly code = 'NO_FINALIZATION_BEFORE_CALIBRATION';
  constructor(readonly stage: string) {
    super(`Appraisals are finalized once calibration is over (feedback stage); the cycle is in ${stage}`, { stage });
  }
}

export class AppraisalNotFound extends DomainError {
  readonly code = 'APPRAISAL_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(readonly cycleId: string, readonly employeeId: string) {
    super(`Employee ${employeeId} has no appraisal in cycle ${cycleId}`, { cycleId, employeeId });
  }
}
