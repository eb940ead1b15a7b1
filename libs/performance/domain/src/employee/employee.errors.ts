import { DomainError } from '@tpm/kernel';

export class EmployeeNotOnboarded extends DomainError {
  readonly code = 'EMPLOYEE_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(readonly employeeId: string) {
    super(`Employee ${employeeId} has not been onboarded`, { employeeId });
  }
}

export class EmployeeWasOffboarded extends DomainError {
  readonly code = 'EMPLOYEE_OFFBOARDED';
  constructor(readonly employeeId: string) {
    super(`Employee ${employeeId} has been offboarded`, { employeeId });
  }
}

export class EmployeeWasErased extends DomainError {
  readonly code = 'EMPLOYEE_ERASED';
  constructor(readonly employeeId: string) {
    super(`Employee ${employeeId} was erased: nothing about them can be recorded any more`, { employeeId });
  }
}

/** Erasure applies to people who have left: while employed, the employment is the legal basis. */
export class EmployeeStillActive extends DomainError {
  readonly code = 'EMPLOYEE_STILL_ACTIVE';
  constructor(readonly employeeId: string) {
    super(`Employee ${employeeId} is still employed: offboard them before erasing their personal data`, { employeeId });
  }
}

/** The reason is kept in the audited erasure event: it must not carry the name being erased. */
export class ErasureReasonNamesPerson extends DomainError {
  readonly code = 'ERASURE_REASON_NAMES_PERSON';
  constructor(readonly employeeId: string) {
    super('The erasure reason must not contain the person\'s name: it is kept in the audit trail', { field: 'reason' });
  }
}

export class EmployeeAlreadyOnboarded extends DomainError {
  readonly code = 'EMPLOYEE_ALREADY_ONBOARDED';
  override readonly kind = 'conflict' as const;
  constructor(readonly employeeId: string) {
    super(`Employee ${employeeId} is already onboarded with different data`, { employeeId });
  }
}

export class EmployeeCannotManageThemselves extends DomainError {
  readonly code = 'EMPLOYEE_SELF_MANAGER';
  constructor(readonly employeeId: string) {
    super(`Employee ${employeeId} cannot be their own manager`, { employeeId });
  }
}

/** Checked by the application: the manager is another employee aggregate. */
export class ManagerNotFound extends DomainError {
  readonly code = 'MANAGER_NOT_FOUND';
  constructor(readonly managerId: string) {
    super(`Manager ${managerId} is not an onboarded employee`, { managerId });
  }
}

/** Checked by the application: an offboarded employee can no longer lead anyone. */
export class ManagerWasOffboarded extends DomainError {
  readonly code = 'MANAGER_OFFBOARDED';
  constructor(readonly managerId: string) {
    super(`Manager ${managerId} has been offboarded`, { managerId });
  }
}
