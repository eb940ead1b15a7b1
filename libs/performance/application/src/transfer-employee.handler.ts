import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { employeeDecider } from '@tpm/performance-domain';
import { requireBusinessUnit } from './org-structure.reader';
import { employeeStream } from './org.streams';

export interface TransferEmployeeInput {
  employeeId: string;
  toBusinessUnitId: string;
  /** The new position; omit to keep the current one. */
  position?: string | null;
}

export class TransferEmployeeHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: TransferEmployeeInput, context: CommandContext): Promise<CommandResult> {
    await requireBusinessUnit(this.store, input.toBusinessUnitId);
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, employeeStream(input.employeeId), employeeDecider)(() => ({ type: 'TransferEmployee', data: { ...input, at } }), {
      context,
      at,
      // Filed under the receiving unit: from now on it is the one whose managers see the employee.
      businessUnitId: () => input.toBusinessUnitId,
    });
    return result;
  }
}
