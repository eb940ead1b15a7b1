import type { EventStore } from '@tpm/event-store';
import { employeeDecider, isWithin, type CycleParticipant, type EmployeeEvent } from '@tpm/performance-domain';
import type { CycleParticipantsSource } from './appraisal-cycle.handlers';
import { loadOrgStructure } from './org-structure.reader';

const EMPLOYEE_TYPES: EmployeeEvent['type'][] = ['EmployeeOnboarded', 'EmployeeTransferred', 'EmployeeManagerChanged', 'EmployeeOffboarded'];
const PAGE = 5000;

/**
 * Who is in a cycle's scope, folded from this service's own log: consistent with the writes that
 * came before (no wait for a projection), one pass over the employee events, done once per enrolment.
 */
export class StoreParticipantsSource implements CycleParticipantsSource {
  constructor(private readonly store: EventStore) {}

  async activeEmployeesIn(businessUnitId: string | null): Promise<CycleParticipant[]> {
    const { state: org } = await loadOrgStructure(this.store);
    const employees = new Map<string, ReturnType<typeof employeeDecider.initialState>>();
    let after: string | undefined;
    for (;;) {
      const page = await this.store.readAll({ after, limit: PAGE, horizon: 'committed', types: EMPLOYEE_TYPES });
      for (const e of page.events) {
        const id = (e.data as { employeeId: string }).employeeId;
        employees.set(id, employeeDecider.evolve(employees.get(id) ?? employeeDecider.initialState(), { type: e.type, data: e.data } as EmployeeEvent));
      }
      // A filtered page shorter than the limit has reached the safe end of the log.
      if (page.events.length < PAGE) break;
      after = page.next;
    }
    const participants: CycleParticipant[] = [];
    for (const [employeeId, e] of employees) {
      if (e.status !== 'active') continue;
      if (businessUnitId === null || isWithin(org, e.businessUnitId, businessUnitId)) participants.push({ employeeId, businessUnitId: e.businessUnitId });
    }
    return participants.sort((a, b) => a.employeeId.localeCompare(b.employeeId));
  }
}
