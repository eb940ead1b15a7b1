import type { Clock } from '@tpm/kernel';
import { deterministicUuid, execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import {
  careerDecider,
  computeProposal,
  failedPlanWithin,
  payDecider,
  payOn,
  periodDates,
  proposalDecider,
  type AppraisalResult,
  type PolicyInForce,
} from '@tpm/rewards-domain';
import type { EmployeeDirectory, PolicyCatalogue } from './ports';
import { inChainOf } from './chain';
import { careerStream, payStream, proposalStream } from './rewards.streams';

export type FinalizedAppraisal = AppraisalResult & { potential: 'low' | 'medium' | 'high' | null };

/** Derived from the appraisal (never from personal data): a redelivered appraisal names the same proposal. */
export const proposalIdFor = (appraisalId: string) => deterministicUuid('reward-proposal', appraisalId);

/** The cycle's result on the employee's career: promotion, transfer and demotion-review recommendations. */
export class RecordCycleResultHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly catalogue: PolicyCatalogue,
  ) {}

  async handle(a: FinalizedAppraisal, context: CommandContext): Promise<CommandResult | null> {
    const policy = await this.catalogue.inForce(a.businessUnitId, a.cycleId, a.finalizedAt);
    if (!policy) return null;
    const at = this.clock.now().toISOString();
    const goalsMissed = a.indicatorScores.some((s) => s < policy.rules.missedGoals.indicatorScoreBelow);
    const id = (kind: string) => deterministicUuid('reward-recommendation', a.appraisalId, kind);
    const { result } = await execute(this.store, careerStream(a.employeeId), careerDecider)(
      () => ({
        type: 'RecordCycleResult',
        data: {
          employeeId: a.employeeId,
          businessUnitId: a.businessUnitId,
          appraisalId: a.appraisalId,
          cycleId: a.cycleId,
          bandRank: a.ratingBandRank,
          potential: a.potential,
          goalsMissed,
          finalizedAt: a.finalizedAt,
          rules: { promotion: policy.rules.promotion, transfer: policy.rules.transfer, demotionReviewOnMissedGoals: policy.rules.missedGoals.demotionReview },
          ids: { promotion: id('promotion'), transfer: id('transfer'), 'demotion-review': id('demotion-review') },
          at,
        },
      }),
      { context, at, businessUnitId: () => a.businessUnitId },
    );
    return result;
  }
}

/**
 * AppraisalFinalized + the policy in force on its date → one proposal per appraisal (or the
 * reasons the employee is not eligible), with its provenance: policy version, band, pay, proration.
 */
export class ProposeRewardHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly catalogue: PolicyCatalogue,
    private readonly directory: EmployeeDirectory,
  ) {}

  async handle(a: FinalizedAppraisal, context: CommandContext): Promise<(CommandResult & { proposalId: string }) | null> {
    const policy: PolicyInForce | null = await this.catalogue.inForce(a.businessUnitId, a.cycleId, a.finalizedAt);
    // No policy covers the unit: nothing is promised, and nothing is recorded as if it were.
    if (!policy) return null;
    const at = this.clock.now().toISOString();
    const proposalId = proposalIdFor(a.appraisalId);
    const period = periodDates(a.period, a.finalizedAt);
    const [employee, pay, career] = await Promise.all([
      this.directory.employee(a.employeeId),
      this.store.aggregate(payStream(a.employeeId), payDecider),
      this.store.aggregate(careerStream(a.employeeId), careerDecider),
    ]);
    const computed = computeProposal(a, policy, payOn(pay.state, period.end), {
      active: employee?.active ?? false,
      failedPlanInPeriod: failedPlanWithin(career.state, period.start, period.end),
    });
    const header = { proposalId, appraisalId: a.appraisalId, cycleId: a.cycleId, employeeId: a.employeeId, businessUnitId: a.businessUnitId };
    const { result } = await execute(this.store, proposalStream(proposalId), proposalDecider)(
      () =>
        computed.eligible
          ? {
              type: 'ProposeReward' as const,
              data: { ...header, kind: 'bonus' as const, amount: computed.amount, min: computed.min, max: computed.max, steps: computed.steps, provenance: computed.provenance, targetReached: computed.targetReached, dueOn: policy.rules.paymentDueOn, at },
            }
          : {
              type: 'RecordIneligibility' as const,
              data: { ...header, policyId: computed.policyId, policyVersion: computed.policyVersion, budgetUnitId: computed.budgetUnitId, bandRank: computed.bandRank, targetReached: computed.targetReached, reasons: computed.reasons, at },
            },
      { context, at, businessUnitId: () => a.businessUnitId },
    );
    return { ...result, proposalId };
  }
}

/** A manager adjusts within the policy's range, with a reason, before the chain starts. */
export class AdjustProposalHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: { proposalId: string; amount: number; reason: string }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const chained = await inChainOf(this.store, proposalStream(input.proposalId), context);
    const { result } = await execute(this.store, proposalStream(input.proposalId), proposalDecider)(() => ({ type: 'AdjustProposal', data: { ...input, by: context.actor.subject, at } }), {
      context: chained,
      at,
      businessUnitId: (s) => (s.status === 'new' ? null : s.header.businessUnitId),
    });
    return result;
  }
}

/** Rejection at the step that is waiting, by its role, with a reason. */
export class RejectProposalHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: { proposalId: string; reason: string }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const chained = await inChainOf(this.store, proposalStream(input.proposalId), context);
    const { result } = await execute(this.store, proposalStream(input.proposalId), proposalDecider)(
      () => ({ type: 'RejectProposal', data: { ...input, by: context.actor.subject, roles: context.actor.roles, at } }),
      { context: chained, at, businessUnitId: (s) => (s.status === 'new' ? null : s.header.businessUnitId) },
    );
    return result;
  }
}

/** An offboarded employee's undecided proposals go. */
export class WithdrawProposalHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: { proposalId: string }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, proposalStream(input.proposalId), proposalDecider)(() => ({ type: 'WithdrawProposal', data: { proposalId: input.proposalId, reason: 'offboarded', at } }), {
      context,
      at,
      businessUnitId: (s) => (s.status === 'new' ? null : s.header.businessUnitId),
    });
    return result;
  }
}
