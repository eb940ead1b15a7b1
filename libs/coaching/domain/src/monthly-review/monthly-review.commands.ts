import type { Message } from '@tpm/kernel';
import type { MonthlyReviewContent, MonthlyReviewRef } from './monthly-review.events';

export type OpenMonthlyReview = Message<'OpenMonthlyReview', MonthlyReviewRef & { at: string }>;
export type SubmitMonthlyReview = Message<'SubmitMonthlyReview', MonthlyReviewContent & { submittedBy: string; at: string }>;
export type RemindMonthlyReview = Message<'RemindMonthlyReview', { at: string }>;
export type FlagMonthlyReviewOverdue = Message<'FlagMonthlyReviewOverdue', { at: string }>;
export type CancelMonthlyReview = Message<'CancelMonthlyReview', { reason: string; at: string }>;

export type MonthlyReviewCommand = OpenMonthlyReview | SubmitMonthlyReview | RemindMonthlyReview | FlagMonthlyReviewOverdue | CancelMonthlyReview;
