import { Injectable } from '@nestjs/common';
import type { AppraisalFinalized, EmployeeOffboarded, Envelope, ImprovementPlanClosed, PersonErased, TrainingCompleted } from '@tpm/contracts';
import { reactionContext } from '@tpm/event-store';
import { HandlesEvent, type InboxContext } from '@tpm/messaging';
import { applyOrgEvent } from '@tpm/org-reference';
import { AwardTrainingRecognitionHandler, NotePlanClosedHandler, ProposeRewardHandler, RecordCycleResultHandler, WithdrawProposalHandler } from '@tpm/rewards-application';
import { RewardsQueries } from '@tpm/rewards-infrastructure';
import { RewardsLifecycle } from '../rewards.lifecycle';

const data = <C extends { type: string; data: unknown }>(e: Envelope) => (e as Envelope<C['type'], C['data']>).data;

/**
 * Other contexts' published events turned into rewards commands, exactly once (inbox
 * transaction, event ids derived from the consumed event), each keeping its cause's correlation id
 * so that AppraisalFinalized → RewardProposed → RewardApproved → RewardGranted is one chain.
 */
@Injectable()
export class RewardsReactions {
  constructor(
    private readonly recordResult: RecordCycleResultHandler,
    private readonly propose: ProposeRewardHandler,
    private readonly withdraw: WithdrawProposalHandler,
    private readonly notePlan: NotePlanClosedHandler,
    private readonly recognise: AwardTrainingRecognitionHandler,
    private readonly queries: RewardsQueries,
    private readonly lifecycle: RewardsLifecycle,
  ) {}

  /** The career record (recommendations) first, so the proposal sees any failed plan it notes. */
  @HandlesEvent('performance.AppraisalFinalized')
  async appraisalFinalized(e: Envelope, ctx: InboxContext) {
    const d = data<AppraisalFinalized>(e);
    // Policies defined through the API must be visible to the resolution.
    await this.lifecycle.readModel.catchUp({ horizon: 'safe' });
    const appraisal = {
      appraisalId: d.appraisalId, cycleId: d.cycleId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, period: d.period, ratingBand: d.ratingBand,
      ratingBandRank: d.ratingBandRank, indicatorScores: d.indicators.map((i) => i.score), finalizedAt: d.finalizedAt, potential: d.potential ?? null,
    };
    await this.recordResult.handle(appraisal, reactionContext(e, { consumer: ctx.consumer, purpose: 'career' }));
    await this.propose.handle(appraisal, reactionContext(e, { consumer: ctx.consumer, purpose: 'proposal' }));
  }

  @HandlesEvent('training.TrainingCompleted')
  async trainingCompleted(e: Envelope, ctx: InboxContext) {
    const d = data<TrainingCompleted>(e);
    await this.lifecycle.readModel.catchUp({ horizon: 'safe' });
    await this.recognise.handle({ employeeId: d.employeeId, businessUnitId: d.businessUnitId, sessionId: d.sessionId, completedAt: d.completedAt }, reactionContext(e, { consumer: ctx.consumer, purpose: 'recognition' }));
  }

  @HandlesEvent('coaching.ImprovementPlanClosed')
  async planClosed(e: Envelope, ctx: InboxContext) {
    const d = data<ImprovementPlanClosed>(e);
    await this.notePlan.handle(
      { planId: d.planId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, appraisalId: d.appraisalId, outcome: d.outcome, closedAt: d.closedAt },
      reactionContext(e, { consumer: ctx.consumer, purpose: 'plan' }),
    );
  }

  /** The org copy changes, and the employee's undecided proposals are withdrawn. */
  @HandlesEvent('performance.EmployeeOffboarded')
  async offboarded(e: Envelope, ctx: InboxContext) {
    await applyOrgEvent(e, ctx.tx);
    await this.lifecycle.readModel.catchUp({ horizon: 'safe' });
    const d = data<EmployeeOffboarded>(e);
    for (const proposalId of await this.queries.openProposalsOf(d.employeeId)) {
      await this.withdraw.handle({ proposalId }, reactionContext(e, { consumer: ctx.consumer, purpose: `withdraw-${proposalId}` }));
    }
  }

  /** The pay-derived ratio and the survey answer are blanked; ids and payouts stay. */
  @HandlesEvent('performance.PersonErased')
  async personErased(e: Envelope, ctx: InboxContext) {
    const d = data<PersonErased>(e);
    for (const sql of RewardsQueries.ERASE_SQL) await ctx.tx.query(sql, [d.employeeId]);
  }

  @HandlesEvent('performance.BusinessUnitRegistered') unitRegistered(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.BusinessUnitReparented') unitReparented(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.BusinessUnitRenamed') unitRenamed(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.EmployeeOnboarded') onboarded(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.EmployeeTransferred') transferred(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.EmployeeManagerChanged') managerChanged(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
}
