import type { Clock } from '@tpm/kernel';
import { deterministicUuid, execute, retryOnConflict, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { budgetDecider, grantDecider, proposalDecider, type BudgetCommand } from '@tpm/rewards-domain';
import { inChainOf } from './chain';
import { budgetStream, grantStream, proposalStream } from './rewards.streams';

export const grantIdFor = (proposalId: string) => deterministicUuid('reward-grant', proposalId);

/** The process step after a final approval: the reward is granted with the policy's due date. */
export class GrantRewardHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: { proposalId: string }, context: CommandContext): Promise<CommandResult | null> {
    const { state: p } = await this.store.aggregate(proposalStream(input.proposalId), proposalDecider);
    if (p.status !== 'approved') return null;
    const at = this.clock.now().toISOString();
    const grantId = grantIdFor(input.proposalId);
    const { result } = await execute(this.store, grantStream(grantId), grantDecider)(
      () => ({
        type: 'GrantReward',
        data: {
          grantId,
          proposalId: input.proposalId,
          employeeId: p.header.employeeId,
          businessUnitId: p.header.businessUnitId,
          budgetUnitId: p.provenance.budgetUnitId,
          policyId: p.provenance.policyId,
          cycleId: p.header.cycleId,
          kind: 'bonus',
          amount: p.amount,
          currency: p.provenance.currency,
          dueOn: p.dueOn,
          at,
        },
      }),
      { context, at, businessUnitId: () => p.header.businessUnitId },
    );
    return result;
  }
}

const unitOf = (s: { status: string; terms?: { businessUnitId: string } }) => s.terms?.businessUnitId ?? null;

export class PayRewardHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: { grantId: string; paidOn: string }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const chained = await inChainOf(this.store, grantStream(input.grantId), context);
    const { result } = await execute(this.store, grantStream(input.grantId), grantDecider)(() => ({ type: 'PayReward', data: { ...input, at } }), { context: chained, at, businessUnitId: unitOf });
    return result;
  }
}

export class RevokeRewardHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: { grantId: string; reason: string }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const chained = await inChainOf(this.store, grantStream(input.grantId), context);
    const { result } = await execute(this.store, grantStream(input.grantId), grantDecider)(() => ({ type: 'RevokeReward', data: { ...input, at } }), { context: chained, at, businessUnitId: unitOf });
    return result;
  }
}

/** The due-date deadline: a grant still unpaid is flagged late (nothing for one paid or revoked meanwhile). */
export class FlagLateGrantHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: { grantId: string }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, grantStream(input.grantId), grantDecider)(() => ({ type: 'FlagLate', data: { grantId: input.grantId, at } }), { context, at, businessUnitId: unitOf });
    return result;
  }
}

/** A rejected, withdrawn or revoked reward gives its reservation back to the unit's budget. */
export class ReleaseBudgetHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: Omit<Extract<BudgetCommand, { type: 'ReleaseBudget' }>['data'], 'at'>, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    return retryOnConflict(async () => {
      const { result } = await execute(this.store, budgetStream(input.budgetUnitId, input.cycleId), budgetDecider)(() => ({ type: 'ReleaseBudget', data: { ...input, at } }), {
        context,
        at,
        businessUnitId: () => input.budgetUnitId,
      });
      return result;
    }, 64);
  }
}
