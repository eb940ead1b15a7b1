import { param, Scope, type ScopeMode } from '@tpm/auth';
import { employeeIdFor } from '@tpm/performance-application';

/** The employee a route names by HRIS number (`:employeeNumber`): their own record, or in the caller's units. */
export const employeeNumbered = (mode: ScopeMode) => Scope.employee(param('employeeNumber'), mode, { toId: employeeIdFor });
