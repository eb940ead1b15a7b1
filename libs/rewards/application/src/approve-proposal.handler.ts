import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '@tpm/kernel';
import { execute, isConcurrencyConflict, retryOnConflict, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { budgetDecider, policyDecider, PolicyNotFound, proposalDecider, type ProposalCommand, type ProposalState } from '@tpm/rewards-domain';
import { inChainOf } from './chain';
import { budgetStream, policyStream, proposalStream } from './rewards.streams';

/** Racing final approvals of one unit re-read the budget and try again; enough rounds for every racer to be answered. */
const BUDGET_ATTEMPTS = 64;

/**
 * One approval step. The final step first reserves the amount on the unit's budget stream at the
 * version it read (the consistency boundary of the cap, ADR 0023), then records the approval on
 * the proposal at the version it decided on. A reservation whose approval could not be recorded
 * is released again, unless the proposal turns out approved after all (a concurrent retry won).
 */
export class ApproveProposalHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  handle(input: { proposalId: string }, context: CommandContext): Promise<CommandResult & { final: boolean }> {
    return retryOnConflict(async () => this.attempt(input.proposalId, await inChainOf(this.store, proposalStream(input.proposalId), context)));
  }

  private async attempt(proposalId: string, context: CommandContext): Promise<CommandResult & { final: boolean }> {
    const at = this.clock.now().toISOString();
    const stream = proposalStream(proposalId);
    const loaded = await this.store.aggregate(stream, proposalDecider);
    const command: ProposalCommand = { type: 'ApproveProposal', data: { proposalId, by: context.actor.subject, roles: context.actor.roles, at } };
    // Every rule of the step (role, segregation, open) is checked before any budget is touched.
    const [decided] = proposalDecider.decide(command, loaded.state);
    const final = decided?.type === 'RewardApproved' && decided.data.final;
    let reservedNow = false;
    if (final && 'provenance' in loaded.state) reservedNow = await this.reserve(loaded.state, at, context);
    try {
      const { result } = await execute(this.store, stream, proposalDecider)(() => command, { context, at, businessUnitId: (s) => (s.status === 'new' ? null : s.header.businessUnitId), loaded });
      return { ...result, final };
    } catch (e) {
      if (reservedNow && 'provenance' in loaded.state) await this.releaseUnlessApproved(loaded.state, e, context);
      throw e;
    }
  }

  /** True when this attempt wrote the reservation (a retry finds it there and writes nothing). */
  private async reserve(p: Extract<ProposalState, { provenance: unknown }>, at: string, context: CommandContext): Promise<boolean> {
    const cap = await this.capOf(p.provenance.policyId, p.provenance.policyVersion);
    const stream = budgetStream(p.provenance.budgetUnitId, p.header.cycleId);
    for (let attempt = 1; ; attempt++) {
      try {
        const { result } = await execute(this.store, stream, budgetDecider)(
          () => ({ type: 'ReserveBudget', data: { budgetUnitId: p.provenance.budgetUnitId, cycleId: p.header.cycleId, proposalId: p.header.proposalId, amount: p.amount, cap, at } }),
          { context: { ...context, ifMatch: undefined }, at, businessUnitId: () => p.provenance.budgetUnitId },
        );
        return result.appended > 0;
      } catch (e) {
        if (!isConcurrencyConflict(e) || attempt >= BUDGET_ATTEMPTS) throw e;
        // Spread the racers out so each round lets one of them through.
        await sleep(Math.floor(Math.random() * Math.min(50, attempt * 5)));
      }
    }
  }

  private async releaseUnlessApproved(p: Extract<ProposalState, { provenance: unknown }>, cause: unknown, context: CommandContext): Promise<void> {
    const now = await this.store.aggregate(proposalStream(p.header.proposalId), proposalDecider);
    if (now.state.status === 'approved') return;
    const at = this.clock.now().toISOString();
    await retryOnConflict(() =>
      execute(this.store, budgetStream(p.provenance.budgetUnitId, p.header.cycleId), budgetDecider)(
        () => ({ type: 'ReleaseBudget', data: { budgetUnitId: p.provenance.budgetUnitId, cycleId: p.header.cycleId, proposalId: p.header.proposalId, reason: 'approval-not-recorded', at } }),
        { context: { ...context, ifMatch: undefined, eventIdFor: undefined }, at, businessUnitId: () => p.provenance.budgetUnitId },
      ),
    ).catch(() => {
      // The approval's own error is the answer; a reservation left behind is released when the proposal is decided.
      void cause;
    });
  }

  private async capOf(policyId: string, version: number): Promise<number> {
    const { state } = await this.store.aggregate(policyStream(policyId), policyDecider);
    const v = state.status === 'defined' ? state.versions.find((x) => x.version === version) : undefined;
    if (!v) throw new PolicyNotFound(policyId);
    return v.rules.budgetCap;
  }
}
