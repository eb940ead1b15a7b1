import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { followUpDecider, type FollowUpCommand } from '@tpm/training-domain';
import { followUpStream } from './training.streams';

/** The 30/60/90-day checks: scheduled on completion, marked due by the deadline scheduler. */
export class FollowUpHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  private async run(sessionId: string, employeeId: string, command: (at: string) => FollowUpCommand, context: CommandContext, businessUnitId: string | null = null): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, followUpStream(sessionId, employeeId), followUpDecider)(() => command(at), { context, at, businessUnitId: () => businessUnitId });
    return result;
  }
  schedule(input: { sessionId: string; employeeId: string; programId: string; completedAt: string; businessUnitId: string }, context: CommandContext) {
    const { businessUnitId, ...subject } = input;
    return this.run(input.sessionId, input.employeeId, (at) => ({ type: 'ScheduleFollowUps', data: { ...subject, at } }), context, businessUnitId);
  }
  markDue(input: { sessionId: string; employeeId: string; day: number }, context: CommandContext) {
    return this.run(input.sessionId, input.employeeId, (at) => ({ type: 'MarkFollowUpDue', data: { day: input.day, at } }), context);
  }
  record(input: { sessionId: string; employeeId: string; day: number; applied: boolean; support: string }, context: CommandContext) {
    const { sessionId, employeeId, ...check } = input;
    return this.run(sessionId, employeeId, (at) => ({ type: 'RecordFollowUpCheck', data: { ...check, recordedBy: context.actor.subject, at } }), context);
  }
  cancel(input: { sessionId: string; employeeId: string; reason: string }, context: CommandContext) {
    return this.run(input.sessionId, input.employeeId, (at) => ({ type: 'CancelFollowUps', data: { reason: input.reason, at } }), context);
  }
}
