import type { Message } from '@tpm/kernel';

export const FOLLOW_UP_DAYS = [30, 60, 90] as const;

interface Subject {
  sessionId: string;
  employeeId: string;
  programId: string;
}
export type FollowUpsScheduled = Message<'FollowUpsScheduled', Subject & { completedAt: string; checks: { day: number; dueAt: string }[]; at: string }>;
/** The deadline passed without a recorded check: the manager is now expected to do it. */
export type FollowUpCheckDue = Message<'FollowUpCheckDue', Subject & { day: number; dueAt: string; at: string }>;
export type FollowUpCheckRecorded = Message<
  'FollowUpCheckRecorded',
  Subject & { day: number; applied: boolean; support: string; recordedBy: string; at: string }
>;
export type FollowUpsCancelled = Message<'FollowUpsCancelled', Subject & { reason: string; pendingDays: number[]; at: string }>;
export type FollowUpEvent = FollowUpsScheduled | FollowUpCheckDue | FollowUpCheckRecorded | FollowUpsCancelled;
