import { deterministicUuid, reactionContext, type CommandContext, type EventStore, type RecordedEvent } from '@tpm/event-store';
import { systemActor, type Clock } from '@tpm/kernel';
import { cancelDeadlines, scheduleDeadline, type Deadline } from '@tpm/scheduler';
import { competencyKey, type EmployeeEnrolled, type FollowUpEvent, type TrainingCompleted } from '@tpm/training-domain';
import { FollowUpHandler, followUpStream, MeetNeedHandler, SessionCommandHandler } from '@tpm/training-application';
import type { PoolClient } from 'pg';
import type { EventPolicy as Policy } from '@tpm/projections';

export const FOLLOW_UP_DUE = 'training.follow-up-due';
export interface FollowUpDuePayload {
  sessionId: string;
  employeeId: string;
  day: number;
  /** The chain the completion belongs to: the due check stays in it. */
  correlationId: string;
}
export const followUpDeadlineId = (sessionId: string, employeeId: string, day: number) => deterministicUuid('follow-up', sessionId, employeeId, day);

/** A reaction to one of our own events keeps its correlation and names its cause. */
const contextFrom = (e: RecordedEvent, purpose: string): CommandContext =>
  reactionContext({ eventId: e.eventId, ...e.metadata }, { consumer: 'training-process', purpose });

/**
 * The training process between its own aggregates: a completion schedules the 30/60/90-day
 * follow-ups and meets the employee's open needs in the program's competencies; follow-up
 * deadlines are stored, and cancelled when the check is done or the follow-ups are cancelled;
 * an enrolment that raced with the employee's offboarding is withdrawn after the fact.
 */
export const trainingPolicies =
  (store: EventStore, clock: Clock): Policy =>
  async (e: RecordedEvent, tx: PoolClient) => {
    switch (e.type) {
      case 'EmployeeEnrolled':
      case 'EmployeeWaitlisted': {
        const d = e.data as EmployeeEnrolled['data'];
        const { rows } = await tx.query<{ active: boolean }>(`SELECT active FROM org_reference.employees WHERE employee_id = $1`, [d.employeeId]);
        if (rows[0] && !rows[0].active) {
          await new SessionCommandHandler(store, clock).withdraw({ sessionId: d.sessionId, employeeId: d.employeeId, reason: 'offboarded' }, contextFrom(e, 'offboarded'));
        }
        return;
      }
      case 'TrainingCompleted': {
        const d = e.data as TrainingCompleted['data'];
        await new FollowUpHandler(store, clock).schedule(
          { sessionId: d.sessionId, employeeId: d.employeeId, programId: d.programId, completedAt: d.completedAt, businessUnitId: d.businessUnitId },
          contextFrom(e, 'follow-ups'),
        );
        const keys = d.competencies.map(competencyKey);
        const { rows } = await tx.query<{ competency: string; business_unit_id: string }>(
          `SELECT competency, business_unit_id FROM training_read.needs WHERE employee_id = $1 AND status = 'open'`,
          [d.employeeId],
        );
        for (const need of rows.filter((r) => keys.includes(competencyKey(r.competency)))) {
          await new MeetNeedHandler(store, clock).handle(
            { employeeId: d.employeeId, businessUnitId: need.business_unit_id, competency: need.competency, by: 'program', ref: d.sessionId },
            contextFrom(e, `need-${competencyKey(need.competency)}`),
          );
        }
        return;
      }
      case 'FollowUpsScheduled': {
        const d = e.data as Extract<FollowUpEvent, { type: 'FollowUpsScheduled' }>['data'];
        for (const c of d.checks) {
          const deadline: Deadline<FollowUpDuePayload> = {
            deadlineId: followUpDeadlineId(d.sessionId, d.employeeId, c.day),
            stream: followUpStream(d.sessionId, d.employeeId),
            kind: FOLLOW_UP_DUE,
            dueAt: c.dueAt,
            payload: { sessionId: d.sessionId, employeeId: d.employeeId, day: c.day, correlationId: e.metadata.correlationId },
          };
          await scheduleDeadline(tx, deadline);
        }
        return;
      }
      case 'FollowUpCheckRecorded': {
        const d = e.data as Extract<FollowUpEvent, { type: 'FollowUpCheckRecorded' }>['data'];
        await cancelDeadlines(tx, { deadlineIds: [followUpDeadlineId(d.sessionId, d.employeeId, d.day)] }, clock.now());
        return;
      }
      case 'FollowUpsCancelled': {
        const d = e.data as Extract<FollowUpEvent, { type: 'FollowUpsCancelled' }>['data'];
        await cancelDeadlines(tx, { stream: followUpStream(d.sessionId, d.employeeId) }, clock.now());
        return;
      }
      default:
        return;
    }
  };

/** The deadline handler: marks the check due, with an event id derived from the deadline. */
export const followUpDueHandler = (store: EventStore, clock: Clock) => async (deadline: Deadline) => {
  const p = deadline.payload as FollowUpDuePayload;
  await new FollowUpHandler(store, clock).markDue(p, {
    actor: systemActor('training-scheduler'),
    correlationId: p.correlationId,
    causationId: null,
    eventIdFor: (n) => deterministicUuid('deadline', deadline.deadlineId, n),
  });
};
