import type { Message } from '@tpm/kernel';
import type { CompletionCriteria, SessionPlan } from './session.events';

export type ScheduleSession = Message<'ScheduleSession', SessionPlan & { at: string }>;
/** The application resolves the employee's unit and which prerequisite programs they lack. */
export type EnrolEmployee = Message<
  'EnrolEmployee',
  {
    sessionId: string;
    employeeId: string;
    businessUnitId: string;
    /** Whether the employee's unit lies within the session's unit (the application reads the org copy). */
    withinSessionUnit: boolean;
    missingPrerequisites: string[];
    at: string;
  }
>;
export type WithdrawEnrolment = Message<'WithdrawEnrolment', { sessionId: string; employeeId: string; reason: 'employee' | 'offboarded'; at: string }>;
export type CancelSession = Message<'CancelSession', { sessionId: string; reason: string; at: string }>;
export type RecordAttendance = Message<'RecordAttendance', { sessionId: string; employeeId: string; meeting: number; present: boolean; at: string }>;
export type RecordExamScore = Message<'RecordExamScore', { sessionId: string; employeeId: string; score: number; at: string }>;
export type CompleteSession = Message<'CompleteSession', { sessionId: string; criteria: CompletionCriteria; at: string }>;

export type SessionCommand = ScheduleSession | EnrolEmployee | WithdrawEnrolment | CancelSession | RecordAttendance | RecordExamScore | CompleteSession;
