import type { Message } from '@tpm/kernel';

interface Subject {
  sessionId: string;
  employeeId: string;
  programId: string;
}
export type ScheduleFollowUps = Message<'ScheduleFollowUps', Subject & { completedAt: string; at: string }>;
export type MarkFollowUpDue = Message<'MarkFollowUpDue', { day: number; at: string }>;
export type RecordFollowUpCheck = Message<'RecordFollowUpCheck', { day: number; applied: boolean; support: string; recordedBy: string; at: string }>;
export type CancelFollowUps = Message<'CancelFollowUps', { reason: string; at: string }>;
export type FollowUpCommand = ScheduleFollowUps | MarkFollowUpDue | RecordFollowUpCheck | CancelFollowUps;
