import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { employeeDecider } from '@tpm/performance-domain';
import { requireActiveManager } from './employee.reader';
import { employeeStream } from './org.streams';

export interface ChangeManagerInput {
  employeeId: string;
  /** null removes the manager. */
  managerId: string | null;
}

export class ChangeManagerHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: ChangeManagerInput, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, employeeStream(input.employeeId), employeeDecider)(
      async (state) => {
        const command = { type: 'ChangeManager' as const, data: { ...input, at } };
        // Only a real change needs the new manager checked; a repeat stays a harmless no-op.
        // Deciding twice is pure: the first decision only tells whether anything would change.
        if (input.managerId !== null && employeeDecider.decide(command, state).length > 0) await requireActiveManager(this.store, input.managerId);
        return command;
      },
      { context, at, businessUnitId: (state) => (state.status === 'new' ? null : state.businessUnitId) },
    );
    return result;
  }
}
