import { publishedLanguage, type DifficultyReported, type EngagementClosed, type EngagementStarted, type ImprovementPlanClosed, type ImprovementPlanOpened, type MonthlyReviewOverdue, type MonthlyReviewSubmitted, type SessionHeld } from '@tpm/contracts';
import type { DifficultyEvent, EngagementEvent, ImprovementPlanEvent, MonthlyReviewEvent, SessionEvent } from '@tpm/coaching-domain';

type CoachingEvent = EngagementEvent | SessionEvent | DifficultyEvent | MonthlyReviewEvent | ImprovementPlanEvent;

/** A department's form is owed by its reviewer: the contract's employee is the one the form is about, or that manager. */
const reviewEmployee = (d: { subject: { kind: string; employeeId?: string }; reviewerId: string }) => d.subject.employeeId ?? d.reviewerId;

/**
 * What coaching publishes on `coaching.events`: ids, dates, kinds, durations and outcomes only.
 * Agendas, answers, praise, notes, descriptions, plan actions and review texts stay in the store
 * (encrypted per person); styles, overrides, action items, private notes and the plan's inner
 * steps are coaching's own and travel on `coaching.log` only.
 */
export const coachingPublished = publishedLanguage<CoachingEvent>({
  EngagementStarted: (d): EngagementStarted => ({
    type: 'coaching.EngagementStarted',
    version: 1,
    data: { engagementId: d.engagementId, coachId: d.coachId, coacheeId: d.coacheeId, businessUnitId: d.businessUnitId, cycleId: d.cycleId, cadence: d.cadence, startedAt: d.at },
  }),
  EngagementClosed: (d): EngagementClosed => ({
    type: 'coaching.EngagementClosed',
    version: 1,
    data: { engagementId: d.engagementId, coacheeId: d.coacheeId, businessUnitId: d.businessUnitId, outcome: d.outcome, closedAt: d.at },
  }),
  SessionHeld: (d): SessionHeld => ({
    type: 'coaching.SessionHeld',
    version: 1,
    data: { sessionId: d.sessionId, engagementId: d.engagementId, coacheeId: d.coacheeId, businessUnitId: d.businessUnitId, kind: d.kind, durationMinutes: d.durationMinutes, heldAt: d.heldAt },
  }),
  DifficultyReported: (d): DifficultyReported => ({
    type: 'coaching.DifficultyReported',
    version: 2,
    data: {
      difficultyId: d.difficultyId,
      engagementId: d.engagementId,
      sessionId: d.sessionId,
      employeeId: d.employeeId,
      businessUnitId: d.businessUnitId,
      kind: d.kind,
      competency: d.competency,
      currentLevel: d.currentLevel,
      requiredLevel: d.requiredLevel,
      reportedAt: d.at,
    },
  }),
  MonthlyReviewSubmitted: (d): MonthlyReviewSubmitted => ({
    type: 'coaching.MonthlyReviewSubmitted',
    version: 1,
    data: { reviewId: d.reviewId, employeeId: reviewEmployee(d), businessUnitId: d.businessUnitId, month: d.month, dueOn: d.dueOn, onTime: d.onTime, submittedAt: d.at },
  }),
  MonthlyReviewFlaggedOverdue: (d): MonthlyReviewOverdue => ({
    type: 'coaching.MonthlyReviewOverdue',
    version: 1,
    data: { reviewId: d.reviewId, employeeId: reviewEmployee(d), businessUnitId: d.businessUnitId, month: d.month, dueOn: d.dueOn, flaggedAt: d.at },
  }),
  ImprovementPlanOpened: (d): ImprovementPlanOpened => ({
    type: 'coaching.ImprovementPlanOpened',
    version: 1,
    data: { planId: d.planId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, appraisalId: d.appraisalId, openedBy: d.openedBy, endsOn: d.endsOn, openedAt: d.at },
  }),
  ImprovementPlanClosed: (d): ImprovementPlanClosed => ({
    type: 'coaching.ImprovementPlanClosed',
    version: 1,
    data: { planId: d.planId, employeeId: d.employeeId, businessUnitId: d.businessUnitId, appraisalId: d.appraisalId, outcome: d.outcome, extensions: d.extensions, closedAt: d.at },
  }),
});
