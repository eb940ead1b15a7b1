import type { Contract } from '../envelope';

type Participant = { sessionId: string; employeeId: string; businessUnitId: string; at: string };
type Subject = { sessionId: string; employeeId: string; programId: string };

export type SessionScheduled = Contract<
  'training.SessionScheduled',
  1,
  {
    sessionId: string;
    programId: string;
    programVersion: number;
    competencies: string[];
    planId: string | null;
    businessUnitId: string;
    startsAt: string;
    endsAt: string;
    meetings: number;
    capacity: number;
    venueId: string | null;
    trainerId: string | null;
    at: string;
  }
>;
/** `via: 'waitlist'` when a freed seat promoted the first waitlisted employee. */
export type EmployeeEnrolled = Contract<'training.EmployeeEnrolled', 1, Participant & { via: 'direct' | 'waitlist' }>;
export type EmployeeWaitlisted = Contract<'training.EmployeeWaitlisted', 1, Participant & { position: number }>;
export type EnrolmentWithdrawn = Contract<'training.EnrolmentWithdrawn', 1, Participant & { reason: 'employee' | 'offboarded'; wasSeated: boolean }>;
export type EnrolmentCancelled = Contract<'training.EnrolmentCancelled', 1, Participant>;
export type SessionCancelled = Contract<'training.SessionCancelled', 1, { sessionId: string; reason: string; venueId: string | null; trainerId: string | null; at: string }>;
export type AttendanceRecorded = Contract<'training.AttendanceRecorded', 1, { sessionId: string; employeeId: string; meeting: number; present: boolean; at: string }>;
export type ExamScoreRecorded = Contract<'training.ExamScoreRecorded', 1, { sessionId: string; employeeId: string; score: number; at: string }>;
export type TrainingNotCompleted = Contract<
  'training.TrainingNotCompleted',
  1,
  { sessionId: string; employeeId: string; programId: string; reasons: string[]; attendanceShare: number; examScore: number | null; at: string }
>;
export type SessionCompleted = Contract<'training.SessionCompleted', 1, { sessionId: string; programId: string; completed: number; notCompleted: number; at: string }>;

export type ReactionSubmitted = Contract<
  'training.ReactionSubmitted',
  1,
  Subject & { answers: { question: string; rating: number }[]; average: number; comment: string | null; at: string }
>;
export type LearningTestRecorded = Contract<'training.LearningTestRecorded', 1, Subject & { phase: 'pre' | 'post'; score: number; gain: number | null; at: string }>;
export type BehaviourObserved = Contract<
  'training.BehaviourObserved',
  1,
  Subject & { observerId: string; rating: number; applied: boolean; notes: string; weeksAfterTraining: number; at: string }
>;

export type FollowUpsScheduled = Contract<'training.FollowUpsScheduled', 1, Subject & { completedAt: string; checks: { day: number; dueAt: string }[]; at: string }>;
export type FollowUpCheckDue = Contract<'training.FollowUpCheckDue', 1, Subject & { day: number; dueAt: string; at: string }>;
export type FollowUpCheckRecorded = Contract<'training.FollowUpCheckRecorded', 1, Subject & { day: number; applied: boolean; support: string; recordedBy: string; at: string }>;
export type FollowUpsCancelled = Contract<'training.FollowUpsCancelled', 1, Subject & { reason: string; pendingDays: number[]; at: string }>;

export type TrainingDeliveryEvent =
  | SessionScheduled
  | EmployeeEnrolled
  | EmployeeWaitlisted
  | EnrolmentWithdrawn
  | EnrolmentCancelled
  | SessionCancelled
  | AttendanceRecorded
  | ExamScoreRecorded
  | TrainingNotCompleted
  | SessionCompleted
  | ReactionSubmitted
  | LearningTestRecorded
  | BehaviourObserved
  | FollowUpsScheduled
  | FollowUpCheckDue
  | FollowUpCheckRecorded
  | FollowUpsCancelled;
