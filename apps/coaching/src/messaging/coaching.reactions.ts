import { Injectable } from '@nestjs/common';
import type { AppraisalFinalized, EmployeeOffboarded, EmployeeTransferred, Envelope, TrainingCompleted } from '@tpm/contracts';
import { reactionContext, type EventStore } from '@tpm/event-store';
import { Inject } from '@nestjs/common';
import type { Clock } from '@tpm/kernel';
import { HandlesEvent, type InboxContext } from '@tpm/messaging';
import { applyOrgEvent, OrgDirectory } from '@tpm/org-reference';
import { EngagementHandler, ImprovementPlanHandler, MonthlyReviewHandler } from '@tpm/coaching-application';
import { CoachingQueries } from '@tpm/coaching-infrastructure';
import { CLOCK, EVENT_STORE } from '@tpm/service-kit';
import type { PoolClient } from 'pg';
import { CoachingLifecycle } from '../coaching.lifecycle';

type Data<C extends { type: string; data: unknown }> = C['data'];

/**
 * Turns other contexts' published events into coaching commands, exactly once: local rows go
 * through the inbox transaction, appended events carry ids derived from the consumed event, and
 * each keeps the cause's correlation id (AppraisalFinalized → ImprovementPlanOpened is one chain).
 */
@Injectable()
export class CoachingReactions {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly plans: ImprovementPlanHandler,
    private readonly reviews: MonthlyReviewHandler,
    private readonly queries: CoachingQueries,
    private readonly lifecycle: CoachingLifecycle,
  ) {}

  /** Evidence read inside the inbox transaction: it sees the row this reaction has just written. */
  private engagements(tx: PoolClient) {
    return new EngagementHandler(this.store, this.clock, this.directory, { inputsFor: (id, coachee) => this.queries.inputsFor(id, coachee, tx) });
  }

  /** A plan at or below the threshold band (once per appraisal); the style of the coachee's engagements re-evaluated. */
  @HandlesEvent('performance.AppraisalFinalized')
  async appraisalFinalized(e: Envelope, ctx: InboxContext) {
    const d = e.data as Data<AppraisalFinalized>;
    await ctx.tx.query(
      `INSERT INTO coaching_read.appraisals (appraisal_id, employee_id, business_unit_id, period, score, rating_band, rating_band_rank, competency_gaps, finalized_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (appraisal_id) DO NOTHING`,
      [d.appraisalId, d.employeeId, d.businessUnitId, d.period, d.score, d.ratingBand, d.ratingBandRank, JSON.stringify(d.competencyGaps), d.finalizedAt],
    );
    await this.plans.openFromAppraisal(d, reactionContext(e, { consumer: ctx.consumer, purpose: 'improvement-plan' }));
    await this.lifecycle.readModel.catchUp({ horizon: 'safe' });
    for (const engagementId of await this.queries.activeEngagementsOf(d.employeeId, ctx.tx)) {
      await this.engagements(ctx.tx).reevaluate(engagementId, 'appraisal-finalized', d.appraisalId, reactionContext(e, { consumer: ctx.consumer, purpose: `style-${engagementId}` }));
    }
  }

  /** Evidence for the style and for the coachee's open plans. */
  @HandlesEvent('training.TrainingCompleted')
  async trainingCompleted(e: Envelope, ctx: InboxContext) {
    const d = e.data as Data<TrainingCompleted>;
    await ctx.tx.query(
      `INSERT INTO coaching_read.training_completions (employee_id, session_id, program_id, competencies, completed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [d.employeeId, d.sessionId, d.programId, JSON.stringify(d.competencies), d.completedAt],
    );
    await this.lifecycle.readModel.catchUp({ horizon: 'safe' });
    for (const engagementId of await this.queries.activeEngagementsOf(d.employeeId, ctx.tx)) {
      await this.engagements(ctx.tx).reevaluate(engagementId, 'training-completed', d.sessionId, reactionContext(e, { consumer: ctx.consumer, purpose: `style-${engagementId}` }));
    }
    for (const planId of await this.queries.openPlansOf(d.employeeId, ctx.tx)) {
      await this.plans.recordTraining(planId, { programId: d.programId, sessionId: d.sessionId, competencies: d.competencies, completedAt: d.completedAt }, reactionContext(e, { consumer: ctx.consumer, purpose: `plan-${planId}` }));
    }
  }

  /** The engagement's and the plan's scope follow the coachee to their new unit. */
  @HandlesEvent('performance.EmployeeTransferred')
  async transferred(e: Envelope, ctx: InboxContext) {
    await applyOrgEvent(e, ctx.tx);
    const d = e.data as Data<EmployeeTransferred>;
    await this.lifecycle.readModel.catchUp({ horizon: 'safe' });
    for (const id of await this.queries.activeEngagementsOf(d.employeeId, ctx.tx)) {
      await this.engagements(ctx.tx).move(id, d.toBusinessUnitId, reactionContext(e, { consumer: ctx.consumer, purpose: `move-${id}` }));
    }
    for (const id of await this.queries.openPlansOf(d.employeeId, ctx.tx)) {
      await this.plans.move(id, d.toBusinessUnitId, reactionContext(e, { consumer: ctx.consumer, purpose: `move-plan-${id}` }));
    }
  }

  /** Offboarding closes the coachee's engagements and plans with outcome `offboarded`, and cancels their open forms. */
  @HandlesEvent('performance.EmployeeOffboarded')
  async offboarded(e: Envelope, ctx: InboxContext) {
    await applyOrgEvent(e, ctx.tx);
    const d = e.data as Data<EmployeeOffboarded>;
    await this.lifecycle.readModel.catchUp({ horizon: 'safe' });
    for (const id of await this.queries.activeEngagementsOf(d.employeeId, ctx.tx)) {
      await this.engagements(ctx.tx).close(id, 'offboarded', reactionContext(e, { consumer: ctx.consumer, purpose: `close-${id}` }));
    }
    for (const id of await this.queries.openPlansOf(d.employeeId, ctx.tx)) {
      await this.plans.closeForOffboarding(id, reactionContext(e, { consumer: ctx.consumer, purpose: `close-plan-${id}` }));
    }
    for (const id of await this.queries.openReviewsOf(d.employeeId, ctx.tx)) {
      await this.reviews.cancel(id, 'offboarded', reactionContext(e, { consumer: ctx.consumer, purpose: `cancel-review-${id}` }));
    }
  }

  @HandlesEvent('performance.BusinessUnitRegistered') unitRegistered(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.BusinessUnitReparented') unitReparented(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.BusinessUnitRenamed') unitRenamed(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.EmployeeOnboarded') onboarded(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.EmployeeManagerChanged') managerChanged(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
}
