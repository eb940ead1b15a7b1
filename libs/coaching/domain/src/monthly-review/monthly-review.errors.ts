import { DomainError } from '@tpm/kernel';

export class MonthlyReviewNotFound extends DomainError {
  readonly code = 'MONTHLY_REVIEW_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(reviewId: string) {
    super(`No monthly review ${reviewId}`, { reviewId });
  }
}
export class MonthlyReviewNotOpen extends DomainError {
  readonly code = 'MONTHLY_REVIEW_NOT_OPEN';
  constructor(status: string) {
    super(`The monthly review is ${status}`, { status });
  }
}
export class MonthlyReviewDueBeforeMonth extends DomainError {
  readonly code = 'MONTHLY_REVIEW_DUE_BEFORE_ITS_MONTH';
  constructor(month: string, dueOn: string) {
    super(`A review of ${month} cannot be due on ${dueOn}, before the month starts`, { month, dueOn });
  }
}
export class MonthlyReviewExists extends DomainError {
  readonly code = 'MONTHLY_REVIEW_EXISTS';
  constructor(reviewId: string) {
    super(`Monthly review ${reviewId} exists with other terms`, { reviewId });
  }
}
