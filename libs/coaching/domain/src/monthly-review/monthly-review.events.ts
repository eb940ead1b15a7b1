import type { Message } from '@tpm/kernel';

/** A form about one employee, or about a whole department (business unit). */
export type ReviewSubject = { kind: 'employee'; employeeId: string } | { kind: 'department' };

export interface MonthlyReviewRef {
  reviewId: string;
  subject: ReviewSubject;
  businessUnitId: string;
  /** The manager who owes the form. */
  reviewerId: string;
  /** 'YYYY-MM'. */
  month: string;
  /** 'YYYY-MM-DD': the form is due by the end of that day (UTC). */
  dueOn: string;
}

export interface MonthlyReviewContent {
  objectives: { objectiveId: string; completion: number; mainGaps: string }[];
  lastMonthReport: string;
  nextMonthPlan: string;
  suggestions: string;
  managerSummary: string;
  expectations: string;
}

export type MonthlyReviewOpened = Message<'MonthlyReviewOpened', MonthlyReviewRef & { at: string }>;
export type MonthlyReviewSubmitted = Message<'MonthlyReviewSubmitted', MonthlyReviewRef & MonthlyReviewContent & { onTime: boolean; submittedBy: string; at: string }>;
export type MonthlyReviewReminderSent = Message<'MonthlyReviewReminderSent', MonthlyReviewRef & { at: string }>;
export type MonthlyReviewFlaggedOverdue = Message<'MonthlyReviewFlaggedOverdue', MonthlyReviewRef & { at: string }>;
export type MonthlyReviewCancelled = Message<'MonthlyReviewCancelled', MonthlyReviewRef & { reason: string; at: string }>;

export type MonthlyReviewEvent = MonthlyReviewOpened | MonthlyReviewSubmitted | MonthlyReviewReminderSent | MonthlyReviewFlaggedOverdue | MonthlyReviewCancelled;

/** The instant a form becomes overdue: the end of its due day, UTC. */
export const overdueAt = (dueOn: string): string => new Date(`${dueOn}T23:59:59.999Z`).toISOString();
