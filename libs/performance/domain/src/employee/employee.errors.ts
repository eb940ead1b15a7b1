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
