import { deterministicUuid, reactionContext, type CommandContext, type EventStore, type RecordedEvent } from '@tpm/event-store';
import { systemActor, type Clock } from '@tpm/kernel';
import { cancelDeadlines, scheduleDeadline, type Deadline } from '@tpm/scheduler';
import { overdueAt, type DifficultyEvent, type MonthlyReviewEvent, type SessionEvent } from '@tpm/coaching-domain';
import { EngagementHandler, MonthlyReviewHandler, monthlyReviewStream, type EmployeeDirectory } from '@tpm/coaching-application';
import type { EventPolicy } from '@tpm/projections';
import type { PoolClient } from 'pg';
import { CoachingQueries } from './coaching.queries';

export const REVIEW_REMINDER_DUE = 'coaching.monthly-review-reminder';
export const REVIEW_OVERDUE_DUE = 'coaching.monthly-review-overdue';
export interface ReviewDeadlinePayload {
  reviewId: string;
  /** The chain the form was opened in: its reminder and overdue flag stay in it. */
  correlationId: string;
}
export const reviewDeadlineId = (reviewId: string, kind: string) => deterministicUuid('monthly-review', reviewId, kind);

const DAY = 24 * 3600 * 1000;
type Of<U extends { type: string; data: unknown }, T extends U['type']> = Extract<U, { type: T }>['data'];

/** A reaction to one of our own events keeps its correlation and names its cause. */
const contextFrom = (e: RecordedEvent, purpose: string): CommandContext => reactionContext({ eventId: e.eventId, ...e.metadata }, { consumer: 'coaching-process', purpose });

export interface CoachingProcessDeps {
  store: EventStore;
  clock: Clock;
  directory: EmployeeDirectory;
  /** Days before the due date a reminder goes to the reviewer. */
  reminderDays: number;
}

/**
 * The coaching process between its own aggregates: an opened monthly form stores its reminder
 * and overdue deadlines (cancelled when it is submitted or cancelled); a held session or a
 * difficulty reported or resolved re-evaluates the engagement's coaching style from the read
 * model, which has seen the event first.
 */
export const coachingPolicies = (deps: CoachingProcessDeps): EventPolicy => {
  const engagements = (tx: PoolClient) => new EngagementHandler(deps.store, deps.clock, deps.directory, { inputsFor: (id, coachee) => new CoachingQueries(tx as never).inputsFor(id, coachee, tx) });
  return async (e: RecordedEvent, tx: PoolClient) => {
    switch (e.type) {
      case 'MonthlyReviewOpened': {
        const d = e.data as Of<MonthlyReviewEvent, 'MonthlyReviewOpened'>;
        const due = overdueAt(d.dueOn);
        const payload: ReviewDeadlinePayload = { reviewId: d.reviewId, correlationId: e.metadata.correlationId };
        const stream = monthlyReviewStream(d.reviewId);
        const reminder: Deadline<ReviewDeadlinePayload> = { deadlineId: reviewDeadlineId(d.reviewId, 'reminder'), stream, kind: REVIEW_REMINDER_DUE, dueAt: new Date(Date.parse(due) - deps.reminderDays * DAY).toISOString(), payload };
        const overdue: Deadline<ReviewDeadlinePayload> = { deadlineId: reviewDeadlineId(d.reviewId, 'overdue'), stream, kind: REVIEW_OVERDUE_DUE, dueAt: due, payload };
        await scheduleDeadline(tx, reminder);
        await scheduleDeadline(tx, overdue);
        return;
      }
      case 'MonthlyReviewSubmitted':
      case 'MonthlyReviewCancelled': {
        const d = e.data as Of<MonthlyReviewEvent, 'MonthlyReviewSubmitted'>;
        await cancelDeadlines(tx, { stream: monthlyReviewStream(d.reviewId) }, deps.clock.now());
        return;
      }
      case 'SessionHeld': {
        const d = e.data as Of<SessionEvent, 'SessionHeld'>;
        await engagements(tx).reevaluate(d.engagementId, 'session-held', d.sessionId, contextFrom(e, 'style'));
        return;
      }
      case 'DifficultyReported':
      case 'DifficultyResolved': {
        const d = e.data as Of<DifficultyEvent, 'DifficultyReported'>;
        await engagements(tx).reevaluate(d.engagementId, 'difficulty', d.difficultyId, contextFrom(e, 'style'));
        return;
      }
      default:
        return;
    }
  };
};

export const COACHING_PROCESS_TYPES = ['MonthlyReviewOpened', 'MonthlyReviewSubmitted', 'MonthlyReviewCancelled', 'SessionHeld', 'DifficultyReported', 'DifficultyResolved'];

/** The deadline handlers: remind, then flag overdue, with event ids derived from the deadline. */
export const reviewDeadlineHandlers = (store: EventStore, clock: Clock, directory: EmployeeDirectory) => {
  const context = (deadline: Deadline): CommandContext => {
    const p = deadline.payload as ReviewDeadlinePayload;
    return { actor: systemActor('coaching-scheduler'), correlationId: p.correlationId, causationId: null, eventIdFor: (n) => deterministicUuid('deadline', deadline.deadlineId, n) };
  };
  const reviews = new MonthlyReviewHandler(store, clock, directory);
  return {
    [REVIEW_REMINDER_DUE]: async (deadline: Deadline) => void (await reviews.remind((deadline.payload as ReviewDeadlinePayload).reviewId, context(deadline))),
    [REVIEW_OVERDUE_DUE]: async (deadline: Deadline) => void (await reviews.flagOverdue((deadline.payload as ReviewDeadlinePayload).reviewId, context(deadline))),
  };
};
