import { DomainError } from '@tpm/kernel';

export class AppraisalNotFinalized extends DomainError {
  readonly code = 'APPRAISAL_NOT_FINALIZED';
  constructor(readonly employeeId: string) {
    super(`The appraisal of employee ${employeeId} is not final yet`, { employeeId });
  }
}

export class OnlyTheEmployeeResponds extends DomainError {
  readonly code = 'ONLY_THE_EMPLOYEE_RESPONDS';
  constructor(readonly employeeId: string, readonly by: string | null) {
    super(`Only employee ${employeeId} can acknowledge or dispute their appraisal`, { employeeId, by });
  }
}

export class AppraisalAlreadyAcknowledged extends DomainError {
  readonly code = 'APPRAISAL_ALREADY_ACKNOWLEDGED';
  constructor(readonly employeeId: string) {
    super(`Employee ${employeeId} has already acknowledged their appraisal`, { employeeId });
  }
}

export class AppraisalDisputeOpen extends DomainError {
  readonly code = 'APPRAISAL_DISPUTE_OPEN';
  constructor(readonly employeeId: string) {
    super(`The appraisal of employee ${employeeId} is disputed: HR resolves the dispute first`, { employeeId });
  }
}

export class NoOpenDispute extends DomainError {
  readonly code = 'NO_OPEN_DISPUTE';
  constructor(readonly employeeId: string) {
    super(`The appraisal of employee ${employeeId} has no open dispute`, { employeeId });
  }
}

export class ResponseTextRequired extends DomainError {
  readonly code = 'RESPONSE_TEXT_REQUIRED';
  override readonly kind = 'invalid' as const;
  constructor(readonly field: 'reason' | 'note') {
    super(`A ${field} is required`, { field });
  }
}

export class AmendmentNeedsBand extends DomainError {
  readonly code = 'AMENDMENT_NEEDS_BAND';
  constructor(readonly toBand: string | null, readonly bands: string[]) {
    super(`An amended appraisal needs one of the cycle's bands (${bands.join(', ')})`, { toBand, bands });
  }
}
