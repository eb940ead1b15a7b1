import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { planDecider, type Plan, type PlanCommand, type PlanContent } from '@tpm/training-domain';
import { planStream } from './training.streams';

const unitOf = (s: Plan) => (s.status === 'new' ? null : s.businessUnitId);

/** Every plan command: load the plan, stamp the time, decide, append at the loaded version. */
export class PlanCommandHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  private async run(planId: string, command: (at: string) => PlanCommand, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, planStream(planId), planDecider)(() => command(at), { context, at, businessUnitId: unitOf });
    return result;
  }

  async draft(input: { planId: string; businessUnitId: string; period: string; content: PlanContent }, context: CommandContext): Promise<CommandResult> {
    // One instant for the event and its metadata (it used to read the clock twice).
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, planStream(input.planId), planDecider)(() => ({ type: 'DraftPlan', data: { ...input, at } }), {
      context,
      at,
      businessUnitId: () => input.businessUnitId,
    });
    return result;
  }
  submit(planId: string, context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'SubmitPlan', data: { planId, at } }), context);
  }
  approve(planId: string, context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'ApprovePlan', data: { planId, approvedBy: context.actor.subject, approverRoles: context.actor.roles, at } }), context);
  }
  revise(planId: string, input: { reason: string; content: PlanContent }, context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'RevisePlan', data: { planId, ...input, at } }), context);
  }
  spend(planId: string, input: { spendId: string; amount: number; description: string }, context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'RecordSpend', data: { planId, ...input, at } }), context);
  }
}
