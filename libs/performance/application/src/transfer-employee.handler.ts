import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { employeeDecider } from '@tpm/performance-domain';
import { appendDecided, type CommandContext, type CommandResult } from './command-context';
import { loadEmployee } from './employee.reader';
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
    const { state, version } = await loadEmployee(this.store, input.employeeId);
    const at = this.clock.now().toISOString();
    const events = employeeDecider.decide({ type: 'TransferEmployee', data: { ...input, at } }, state);
    // Filed under the receiving unit: from now on it is the one whose managers see the employee.
    return appendDecided(this.store, employeeStream(input.employeeId), events, {
      expectedVersion: version,
      context,
      at,
      businessUnitId: input.toBusinessUnitId,
    });
  }
}
