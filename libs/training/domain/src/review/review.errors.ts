import { DomainError } from '@tpm/kernel';

export class NothingBelowThreshold extends DomainError {
  readonly code = 'PROGRAM_EVALUATIONS_ABOVE_THRESHOLD';
  constructor(programId: string) {
    super(`Program ${programId} meets every evaluation threshold: nothing to review`, { programId });
  }
}
export class ReviewNotOpen extends DomainError {
  readonly code = 'REVIEW_NOT_OPEN';
  override readonly kind = 'not-found' as const;
  constructor(reviewId: string) {
    super(`Review ${reviewId} is not open`, { reviewId });
  }
}
export class ReviewWithoutActions extends DomainError {
  readonly code = 'REVIEW_WITHOUT_ACTIONS';
  constructor(reviewId: string) {
    super(`Review ${reviewId} has no improvement action yet: record one before the next version`, { reviewId });
  }
}
