import type { Actor } from '@tpm/kernel';
import { employeeIdFor } from '@tpm/performance-application';
import type { AppraisalParam } from '../dto/performance-ids.dto';

/**
 * The appraisal addressed, with who the caller is as an employee. Access: the employee's own
 * record, or managers and HR whose units hold the employee; who may do what inside that (the
 * employee self-assesses, the manager or a delegate assesses) is the domain's rule.
 */
export const appraisalTarget = (p: AppraisalParam, caller: Actor) => ({
  cycleId: p.cycleId,
  employeeId: employeeIdFor(p.employeeNumber),
  actingEmployeeId: caller.employeeId ?? null,
});

export const APPRAISAL_PATH = 'appraisal-cycles/:cycleId/appraisals/:employeeNumber';
