import { body, Scope } from '@tpm/auth';

/**
 * A need without an employee belongs to its unit; with one, to the employee (own, or in scope),
 * and its unit must be the one the employee works in: otherwise a caller who may act for the
 * employee could open needs in any unit.
 */
export const needScope = [
  Scope.employee(body('employeeId'), 'write', { absent: Scope.unit(body('businessUnitId'), 'write') }),
  Scope.unitOfEmployee(body('businessUnitId'), body('employeeId')),
];
