import { DomainError } from '@tpm/kernel';

/** "The reviewee or their manager nominates reviewers." */
export class OnlyRevieweeOrManagerNominates extends DomainError {
  readonly code = 'ONLY_REVIEWEE_OR_MANAGER_NOMINATES';
  constructor(readonly employeeId: string) {
    super(`Only employee ${employeeId} or their manager may nominate 360 reviewers`, { employeeId });
  }
}

/** "The manager or HR approves." */
export class OnlyManagerOrHrApproves extends DomainError {
  readonly code = 'ONLY_MANAGER_OR_HR_APPROVES';
  constructor(readonly employeeId: string) {
    super(`Only the manager of employee ${employeeId} or HR may approve a 360 reviewer`, { employeeId });
  }
}

export class NominationNotFound extends DomainError {
  readonly code = 'NOMINATION_NOT_FOUND';
  constructor(
    readonly employeeId: string,
    readonly reviewerId: string,
  ) {
    super(`Employee ${reviewerId} was not nominated to review employee ${employeeId}`, { employeeId, reviewerId });
  }
}
