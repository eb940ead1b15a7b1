import { DomainError } from '@tpm/kernel';

export class CannotReviewOneself extends DomainError {
  readonly code = 'CANNOT_REVIEW_ONESELF';
  constructor(readonly employeeId: string) {
    super(`Employee ${employeeId} cannot give 360 feedback on themselves`, { employeeId });
  }
}

export class ReviewerMustBeAnEmployee extends DomainError {
  readonly code = 'REVIEWER_MUST_BE_AN_EMPLOYEE';
  constructor() {
    super('360 feedback comes from an employee: the token names none');
  }
}

export class FeedbackRatingOutOfScale extends DomainError {
  readonly code = 'FEEDBACK_RATING_OUT_OF_SCALE';
  constructor(readonly rating: number) {
    super(`A 360 rating is a whole number 1-5, not ${rating}`, { rating });
  }
}

export class FeedbackAlreadyGiven extends DomainError {
  readonly code = 'FEEDBACK_ALREADY_GIVEN';
  constructor(readonly employeeId: string) {
    // Says nothing about whether the earlier entry was named or anonymous: only the reviewer sees it.
    super(`This reviewer has already given feedback on employee ${employeeId}`, { employeeId });
  }
}

/** "Only nominated and approved reviewers may give 360 feedback." */
export class ReviewerNotApproved extends DomainError {
  readonly code = 'REVIEWER_NOT_APPROVED';
  constructor(readonly employeeId: string) {
    super(`Only nominated and approved reviewers may give peer feedback on employee ${employeeId}`, { employeeId });
  }
}

/** "Upward feedback comes from the reviewee's reports." */
export class UpwardFeedbackOnlyFromReports extends DomainError {
  readonly code = 'UPWARD_FEEDBACK_ONLY_FROM_REPORTS';
  constructor(readonly employeeId: string) {
    super(`Upward feedback on employee ${employeeId} comes only from their direct reports`, { employeeId });
  }
}

/** Held anonymous entries reach the log only once the cycle has left review. */
export class AnonymousFeedbackStillHeld extends DomainError {
  readonly code = 'ANONYMOUS_FEEDBACK_STILL_HELD';
  constructor(
    readonly cycleId: string,
    readonly stage: string,
  ) {
    super(`Cycle ${cycleId} is in ${stage}: anonymous feedback is released only after review`, { cycleId, stage });
  }
}
