import { body, Scope } from '@tpm/auth';

/** A need without an employee belongs to its unit; with one, to the employee (own, or in scope). */
export const needScope = Scope.employee(body('employeeId'), 'write', { absent: Scope.unit(body('businessUnitId'), 'write') });
