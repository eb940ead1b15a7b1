import { assertNever } from '@tpm/kernel';
import type { SessionEvent, SessionPlan } from './session.events';

export interface Seat {
  employeeId: string;
  businessUnitId: string;
}

export type Session =
  | { status: 'new' }
  | (SessionPlan & {
      status: 'open' | 'cancelled' | 'completed';
      seated: Seat[];
      waitlist: Seat[];
      /** employeeId → meetings attended (1-based numbers). */
      attendance: Record<string, number[]>;
      examScores: Record<string, number>;
    });
export type ScheduledSession = Exclude<Session, { status: 'new' }>;

const without = (seats: Seat[], employeeId: string) => seats.filter((s) => s.employeeId !== employeeId);

export const evolve = (s: Session, e: SessionEvent): Session => {
  if (e.type === 'SessionScheduled') {
    const { at: _at, ...plan } = e.data;
    return { ...plan, openToOtherUnits: plan.openToOtherUnits ?? false, status: 'open', seated: [], waitlist: [], attendance: {}, examScores: {} };
  }
  if (s.status === 'new') return s;
  switch (e.type) {
    case 'EmployeeEnrolled': {
      const seat = { employeeId: e.data.employeeId, businessUnitId: e.data.businessUnitId };
      return { ...s, seated: [...s.seated, seat], waitlist: without(s.waitlist, seat.employeeId) };
    }
    case 'EmployeeWaitlisted':
      return { ...s, waitlist: [...s.waitlist, { employeeId: e.data.employeeId, businessUnitId: e.data.businessUnitId }] };
    case 'EnrolmentWithdrawn':
    case 'EnrolmentCancelled':
      return { ...s, seated: without(s.seated, e.data.employeeId), waitlist: without(s.waitlist, e.data.employeeId) };
    case 'SessionCancelled':
      return { ...s, status: 'cancelled' };
    case 'AttendanceRecorded': {
      const before = (s.attendance[e.data.employeeId] ?? []).filter((m) => m !== e.data.meeting);
      const after = e.data.present ? [...before, e.data.meeting].sort((a, b) => a - b) : before;
      return { ...s, attendance: { ...s.attendance, [e.data.employeeId]: after } };
    }
    case 'ExamScoreRecorded':
      return { ...s, examScores: { ...s.examScores, [e.data.employeeId]: e.data.score } };
    case 'SessionCompleted':
      return { ...s, status: 'completed' };
    case 'TrainingCompleted':
    case 'TrainingNotCompleted':
      return s;
    default:
      return assertNever(e);
  }
};
