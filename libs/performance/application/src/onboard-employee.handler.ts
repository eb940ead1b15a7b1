import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { employeeDecider, type EmployeeLevel } from '@tpm/performance-domain';
import { employeeIdFor } from './employee-number.identity';
import { requireActiveManager } from './employee.reader';
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
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, employeeStream(employeeId), employeeDecider)(() => ({ type: 'OnboardEmployee', data: { ...input, employeeNumber, employeeId, at } }), {
      context,
      at,
      businessUnitId: () => input.businessUnitId,
    });
    return { ...result, employeeId };
  }
}
