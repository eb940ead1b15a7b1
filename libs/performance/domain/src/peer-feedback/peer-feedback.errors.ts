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
  override readonly kind = 'conflict' as const;
  constructor(readonly employeeId: string) {
    super(`This reviewer has already given named feedback on employee ${employeeId}`, { employeeId });
  }
}
