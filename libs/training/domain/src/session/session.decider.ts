import { assertNever, type Decider } from '@tpm/kernel';
import { judgeCompletion } from './completion.criteria';
import type { SessionCommand } from './session.commands';
import {
  ExamScoreOutOfRange,
  InvalidSessionPlan,
  MeetingOutOfRange,
  NotAParticipant,
  PrerequisitesNotMet,
  SessionClosedToOtherUnits,
  SessionAlreadyScheduled,
  SessionNotFound,
  SessionNotOpen,
  SessionNotOver,
} from './session.errors';
import type { SessionEvent, SessionPlan } from './session.events';
import { evolve, type ScheduledSession, type Session } from './session.state';

const requireOpen = (s: Session, sessionId: string): ScheduledSession => {
  if (s.status === 'new') throw new SessionNotFound(sessionId);
  if (s.status !== 'open') throw new SessionNotOpen(sessionId, s.status);
  return s;
};

const requireSeated = (s: ScheduledSession, employeeId: string) => {
  if (!s.seated.some((x) => x.employeeId === employeeId)) throw new NotAParticipant(s.sessionId, employeeId);
};

const samePlan = (s: ScheduledSession, p: SessionPlan) =>
  (Object.keys(p) as (keyof SessionPlan)[]).every((k) => JSON.stringify(s[k]) === JSON.stringify(p[k]));

export const decide = (cmd: SessionCommand, s: Session): SessionEvent[] => {
  switch (cmd.type) {
    case 'ScheduleSession': {
      const { at, ...plan } = cmd.data;
      if (s.status !== 'new') {
        if (samePlan(s, plan)) return [];
        throw new SessionAlreadyScheduled(plan.sessionId);
      }
      if (!(Date.parse(plan.endsAt) > Date.parse(plan.startsAt))) throw new InvalidSessionPlan('A session must end after it starts');
      if (plan.capacity < 1) throw new InvalidSessionPlan('A session needs at least one seat');
      if (plan.meetings < 1) throw new InvalidSessionPlan('A session needs at least one meeting');
      return [{ type: 'SessionScheduled', data: { ...plan, at } }];
    }
    case 'EnrolEmployee': {
      const { sessionId, employeeId, businessUnitId, withinSessionUnit, missingPrerequisites, at } = cmd.data;
      const open = requireOpen(s, sessionId);
      // A retried request must not enrol twice: say nothing new rather than fail.
      if ([...open.seated, ...open.waitlist].some((x) => x.employeeId === employeeId)) return [];
      if (!withinSessionUnit && !open.openToOtherUnits) throw new SessionClosedToOtherUnits(sessionId, open.businessUnitId);
      if (missingPrerequisites.length) throw new PrerequisitesNotMet(employeeId, missingPrerequisites);
      const who = { sessionId, employeeId, businessUnitId, at };
      if (open.seated.length < open.capacity) return [{ type: 'EmployeeEnrolled', data: { ...who, via: 'direct' } }];
      return [{ type: 'EmployeeWaitlisted', data: { ...who, position: open.waitlist.length + 1 } }];
    }
    case 'WithdrawEnrolment': {
      const { sessionId, employeeId, reason, at } = cmd.data;
      const open = requireOpen(s, sessionId);
      const seat = open.seated.find((x) => x.employeeId === employeeId);
      const queued = open.waitlist.find((x) => x.employeeId === employeeId);
      if (!seat && !queued) return [];
      const withdrawn: SessionEvent = {
        type: 'EnrolmentWithdrawn',
        data: { sessionId, employeeId, businessUnitId: (seat ?? queued)!.businessUnitId, reason, wasSeated: !!seat, at },
      };
      // A freed seat goes to the first in the waitlist, in the order they asked.
      const next = seat ? open.waitlist[0] : undefined;
      if (!next) return [withdrawn];
      return [withdrawn, { type: 'EmployeeEnrolled', data: { sessionId, ...next, via: 'waitlist', at } }];
    }
    case 'CancelSession': {
      const { sessionId, reason, at } = cmd.data;
      if (s.status === 'cancelled') return [];
      const open = requireOpen(s, sessionId);
      return [
        ...[...open.seated, ...open.waitlist].map((x): SessionEvent => ({ type: 'EnrolmentCancelled', data: { sessionId, ...x, at } })),
        { type: 'SessionCancelled', data: { sessionId, reason, venueId: open.venueId, trainerId: open.trainerId, at } },
      ];
    }
    case 'RecordAttendance': {
      const { sessionId, employeeId, meeting, present } = cmd.data;
      const open = requireOpen(s, sessionId);
      requireSeated(open, employeeId);
      if (!Number.isInteger(meeting) || meeting < 1 || meeting > open.meetings) throw new MeetingOutOfRange(meeting, open.meetings);
      if ((open.attendance[employeeId] ?? []).includes(meeting) === present && employeeId in open.attendance) return [];
      return [{ type: 'AttendanceRecorded', data: cmd.data }];
    }
    case 'RecordExamScore': {
      const open = requireOpen(s, cmd.data.sessionId);
      requireSeated(open, cmd.data.employeeId);
      if (cmd.data.score < 0 || cmd.data.score > 100) throw new ExamScoreOutOfRange(cmd.data.score);
      if (open.examScores[cmd.data.employeeId] === cmd.data.score) return [];
      return [{ type: 'ExamScoreRecorded', data: cmd.data }];
    }
    case 'CompleteSession': {
      const { sessionId, criteria, at } = cmd.data;
      if (s.status === 'completed') return [];
      const open = requireOpen(s, sessionId);
      if (Date.parse(at) < Date.parse(open.endsAt)) throw new SessionNotOver(sessionId, open.endsAt);
      const outcomes = open.seated.map((seat): SessionEvent => {
        const examScore = open.examScores[seat.employeeId] ?? null;
        const j = judgeCompletion((open.attendance[seat.employeeId] ?? []).length, open.meetings, examScore, criteria);
        if (!j.completed) {
          const data = { sessionId, employeeId: seat.employeeId, programId: open.programId, reasons: j.reasons, attendanceShare: j.attendanceShare, examScore, at };
          return { type: 'TrainingNotCompleted', data };
        }
        const { programId, programVersion, competencies } = open;
        return {
          type: 'TrainingCompleted',
          data: { employeeId: seat.employeeId, programId, programVersion, sessionId, businessUnitId: seat.businessUnitId, competencies, examScore, attendanceShare: j.attendanceShare, completedAt: at },
        };
      });
      const completed = outcomes.filter((o) => o.type === 'TrainingCompleted').length;
      return [...outcomes, { type: 'SessionCompleted', data: { sessionId, programId: open.programId, completed, notCompleted: outcomes.length - completed, at } }];
    }
    default:
      return assertNever(cmd);
  }
};

export const sessionDecider: Decider<SessionCommand, SessionEvent, Session> = { decide, evolve, initialState: (): Session => ({ status: 'new' }) };
