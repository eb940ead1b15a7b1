import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { employeeDecider } from '@tpm/performance-domain';
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
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, employeeStream(input.employeeId), employeeDecider)(() => ({ type: 'OffboardEmployee', data: { ...input, at } }), {
      context,
      at,
      businessUnitId: (state) => (state.status === 'new' ? null : state.businessUnitId),
    });
    return result;
  }
}
