import { Injectable } from '@nestjs/common';
import type { AppraisalFinalized, DifficultyReported, EmployeeOffboarded, Envelope } from '@tpm/contracts';
import { reactionContext } from '@tpm/event-store';
import { HandlesEvent, type InboxContext } from '@tpm/messaging';
import { applyOrgEvent } from '@tpm/org-reference';
import { FollowUpHandler, IdentifyNeedHandler, MeetNeedHandler, SessionCommandHandler } from '@tpm/training-application';
import { competencyKey, FollowUpNotScheduled } from '@tpm/training-domain';
import { TrainingLifecycle } from '../training.lifecycle';

/**
 * Turns other contexts' published events into training commands, exactly once: local rows go
 * through the inbox transaction, appended events carry ids derived from the consumed event.
 * Each keeps the consumed event's correlation id, so the chain stays one.
 */
@Injectable()
export class TrainingReactions {
  constructor(
    private readonly identify: IdentifyNeedHandler,
    private readonly meet: MeetNeedHandler,
    private readonly sessions: SessionCommandHandler,
    private readonly followUps: FollowUpHandler,
    private readonly lifecycle: TrainingLifecycle,
  ) {}

  /** A need per competency gap; open appraisal needs the new appraisal no longer lists are met. */
  @HandlesEvent('performance.AppraisalFinalized')
  async appraisalFinalized(e: Envelope, ctx: InboxContext) {
    const d = (e as Envelope<AppraisalFinalized['type'], AppraisalFinalized['data']>).data;
    for (const gap of d.competencyGaps.filter((g) => g.requiredLevel > g.currentLevel)) {
      await this.identify.handle(
        { employeeId: d.employeeId, businessUnitId: d.businessUnitId, competency: gap.competency, currentLevel: gap.currentLevel, requiredLevel: gap.requiredLevel, source: 'appraisal', sourceRef: d.appraisalId },
        reactionContext(e, { consumer: ctx.consumer, purpose: `gap-${competencyKey(gap.competency)}` }),
      );
    }
    const stillGaps = d.competencyGaps.map((g) => competencyKey(g.competency));
    const { rows } = await ctx.tx.query<{ competency: string }>(
      `SELECT competency FROM training_read.needs WHERE employee_id = $1 AND status = 'open' AND source = 'appraisal'`,
      [d.employeeId],
    );
    for (const need of rows.filter((r) => !stillGaps.includes(competencyKey(r.competency)))) {
      await this.meet.handle(
        { employeeId: d.employeeId, businessUnitId: d.businessUnitId, competency: need.competency, by: 'assessment', ref: d.appraisalId },
        reactionContext(e, { consumer: ctx.consumer, purpose: `met-${competencyKey(need.competency)}` }),
      );
    }
  }

  /** A skill gap raised in coaching becomes a need; an external obstacle is not training's. */
  @HandlesEvent('coaching.DifficultyReported')
  async difficultyReported(e: Envelope, ctx: InboxContext) {
    const d = (e as Envelope<DifficultyReported['type'], DifficultyReported['data']>).data;
    if (d.kind !== 'skill-gap' || !d.competency || d.currentLevel === null || d.requiredLevel === null || d.requiredLevel <= d.currentLevel) return;
    await this.identify.handle(
      { employeeId: d.employeeId, businessUnitId: d.businessUnitId, competency: d.competency, currentLevel: d.currentLevel, requiredLevel: d.requiredLevel, source: 'coaching', sourceRef: d.difficultyId },
      reactionContext(e, { consumer: ctx.consumer, purpose: 'difficulty' }),
    );
  }

  /** The local org copy changes; an offboarded employee's enrolments go and the waitlist moves. */
  @HandlesEvent('performance.EmployeeOffboarded')
  async offboarded(e: Envelope, ctx: InboxContext) {
    await applyOrgEvent(e, ctx.tx);
    // The roster is a read model: bring it up to date first. An enrolment committed after this
    // point meets the process manager's policy, which withdraws it once it sees the employee is gone.
    await this.lifecycle.readModel.catchUp({ horizon: 'safe' });
    const d = (e as Envelope<EmployeeOffboarded['type'], EmployeeOffboarded['data']>).data;
    const { rows } = await ctx.tx.query<{ session_id: string }>(
      `SELECT session_id FROM training_read.enrolments WHERE employee_id = $1 AND status IN ('seated', 'waitlisted') ORDER BY session_id`,
      [d.employeeId],
    );
    for (const { session_id } of rows) {
      await this.sessions.withdraw({ sessionId: session_id, employeeId: d.employeeId, reason: 'offboarded' }, reactionContext(e, { consumer: ctx.consumer, purpose: `withdraw-${session_id}` }));
    }
    const done = await ctx.tx.query<{ session_id: string }>(`SELECT session_id FROM training_read.completions WHERE employee_id = $1`, [d.employeeId]);
    for (const { session_id } of done.rows) {
      await this.followUps
        .cancel({ sessionId: session_id, employeeId: d.employeeId, reason: 'offboarded' }, reactionContext(e, { consumer: ctx.consumer, purpose: `follow-ups-${session_id}` }))
        .catch((err) => {
          if (!(err instanceof FollowUpNotScheduled)) throw err;
        });
    }
  }

  @HandlesEvent('performance.BusinessUnitRegistered') unitRegistered(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.BusinessUnitReparented') unitReparented(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.BusinessUnitRenamed') unitRenamed(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.EmployeeOnboarded') onboarded(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.EmployeeTransferred') transferred(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.EmployeeManagerChanged') managerChanged(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
}
