import { DomainError } from '@tpm/kernel';

export class EmployeeUnknown extends DomainError {
  readonly code = 'EMPLOYEE_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(employeeId: string) {
    super(`Employee ${employeeId} is not in the local organization copy`, { employeeId });
  }
}
export class EmployeeInactive extends DomainError {
  readonly code = 'EMPLOYEE_OFFBOARDED';
  constructor(employeeId: string) {
    super(`Employee ${employeeId} has been offboarded`, { employeeId });
  }
}
