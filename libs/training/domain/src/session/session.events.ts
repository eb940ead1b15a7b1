import type { Message } from '@tpm/kernel';

export interface SessionPlan {
  sessionId: string;
  programId: string;
  programVersion: number;
  /** Copied from the program so that completion can name them without another read. */
  competencies: string[];
  planId: string | null;
  businessUnitId: string;
  startsAt: string;
  endsAt: string;
  /** Number of meetings (days, modules) attendance is counted on. */
  meetings: number;
  capacity: number;
  venueId: string | null;
  trainerId: string | null;
  /**
   * Whether employees of units outside the session's subtree may enrol. False by default: a
   * unit's session is its own. Events stored before the field read as false.
   */
  openToOtherUnits: boolean;
}

export interface CompletionCriteria {
  /** Share of meetings attended, 0..1. */
  minAttendanceShare: number;
  /** Exam pass mark 0-100, or null when the program has no exam. */
  minExamScore: number | null;
}

type Participant = { sessionId: string; employeeId: string; businessUnitId: string; at: string };

export type SessionScheduled = Message<'SessionScheduled', SessionPlan & { at: string }>;
/** `via: 'waitlist'` when a freed seat promoted the first waitlisted employee. */
export type EmployeeEnrolled = Message<'EmployeeEnrolled', Participant & { via: 'direct' | 'waitlist' }>;
export type EmployeeWaitlisted = Message<'EmployeeWaitlisted', Participant & { position: number }>;
export type EnrolmentWithdrawn = Message<'EnrolmentWithdrawn', Participant & { reason: 'employee' | 'offboarded'; wasSeated: boolean }>;
export type SessionCancelled = Message<
  'SessionCancelled',
  { sessionId: string; reason: string; venueId: string | null; trainerId: string | null; at: string }
>;
export type EnrolmentCancelled = Message<'EnrolmentCancelled', Participant>;
export type AttendanceRecorded = Message<'AttendanceRecorded', { sessionId: string; employeeId: string; meeting: number; present: boolean; at: string }>;
export type ExamScoreRecorded = Message<'ExamScoreRecorded', { sessionId: string; employeeId: string; score: number; at: string }>;
/** Same payload as the published contract training.TrainingCompleted v1. */
export type TrainingCompleted = Message<
  'TrainingCompleted',
  {
    employeeId: string;
    programId: string;
    programVersion: number;
    sessionId: string;
    businessUnitId: string;
    competencies: string[];
    examScore: number | null;
    attendanceShare: number;
    completedAt: string;
  }
>;
export type TrainingNotCompleted = Message<
  'TrainingNotCompleted',
  { sessionId: string; employeeId: string; programId: string; reasons: string[]; attendanceShare: number; examScore: number | null; at: string }
>;
export type SessionCompleted = Message<'SessionCompleted', { sessionId: string; programId: string; completed: number; notCompleted: number; at: string }>;

export type SessionEvent =
  | SessionScheduled
  | EmployeeEnrolled
  | EmployeeWaitlisted
  | EnrolmentWithdrawn
  | SessionCancelled
  | EnrolmentCancelled
  | AttendanceRecorded
  | ExamScoreRecorded
  | TrainingCompleted
  | TrainingNotCompleted
  | SessionCompleted;
