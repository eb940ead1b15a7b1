import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { employeeDecider, type EmployeeLevel } from '@tpm/performance-domain';
import { appendDecided, type CommandContext, type CommandResult } from './command-context';
import { employeeIdFor } from './employee-number.identity';
import { loadEmployee, requireActiveManager } from './employee.reader';
import { requireBusinessUnit } from './org-structure.reader';
import { employeeStream } from './org.streams';

export interface OnboardEmployeeInput {
  employeeNumber: string;
  name: string;
  businessUnitId: string;
  position: string;
  managerId: string | null;
  level: EmployeeLevel;
}

/** Onboards one employee; the id derives from the employee number, exactly as the bulk import does. */
export class OnboardEmployeeHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: OnboardEmployeeInput, context: CommandContext): Promise<CommandResult & { employeeId: string }> {
    const employeeNumber = input.employeeNumber.trim();
    const employeeId = employeeIdFor(employeeNumber);
    await requireBusinessUnit(this.store, input.businessUnitId);
    if (input.managerId !== null && input.managerId !== employeeId) await requireActiveManager(this.store, input.managerId);
    const { state, version } = await loadEmployee(this.store, employeeId);
    const at = this.clock.now().toISOString();
    const events = employeeDecider.decide({ type: 'OnboardEmployee', data: { ...input, employeeNumber, employeeId, at } }, state);
    const result = await appendDecided(this.store, employeeStream(employeeId), events, {
      expectedVersion: version,
      context,
      at,
      businessUnitId: input.businessUnitId,
    });
    return { ...result, employeeId };
  }
}
