import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { employeeDecider } from '@tpm/performance-domain';
import { appendDecided, type CommandContext, type CommandResult } from './command-context';
import { loadEmployee, requireActiveManager } from './employee.reader';
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
    const { state, version } = await loadEmployee(this.store, input.employeeId);
    const at = this.clock.now().toISOString();
    const events = employeeDecider.decide({ type: 'ChangeManager', data: { ...input, at } }, state);
    // Only a real change needs the new manager checked; a repeat stays a harmless no-op.
    if (events.length > 0 && input.managerId !== null) await requireActiveManager(this.store, input.managerId);
    return appendDecided(this.store, employeeStream(input.employeeId), events, {
      expectedVersion: version,
      context,
      at,
      businessUnitId: state.status === 'new' ? null : state.businessUnitId,
    });
  }
}
