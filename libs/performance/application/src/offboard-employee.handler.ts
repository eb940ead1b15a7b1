import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { employeeDecider } from '@tpm/performance-domain';
import { appendDecided, type CommandContext, type CommandResult } from './command-context';
import { loadEmployee } from './employee.reader';
import { employeeStream } from './org.streams';

export interface OffboardEmployeeInput {
  employeeId: string;
  reason: string | null;
}

export class OffboardEmployeeHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: OffboardEmployeeInput, context: CommandContext): Promise<CommandResult> {
    const { state, version } = await loadEmployee(this.store, input.employeeId);
    const at = this.clock.now().toISOString();
    const events = employeeDecider.decide({ type: 'OffboardEmployee', data: { ...input, at } }, state);
    return appendDecided(this.store, employeeStream(input.employeeId), events, {
      expectedVersion: version,
      context,
      at,
      businessUnitId: state.status === 'new' ? null : state.businessUnitId,
    });
  }
}
