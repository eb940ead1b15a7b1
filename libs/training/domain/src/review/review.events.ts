import type { Message } from '@tpm/kernel';
import type { ReviewFinding } from './review.thresholds';

export type ProgramFlaggedForReview = Message<
  'ProgramFlaggedForReview',
  { reviewId: string; programId: string; programVersion: number; findings: ReviewFinding[]; at: string }
>;
export type ImprovementActionRecorded = Message<
  'ImprovementActionRecorded',
  { reviewId: string; programId: string; actionId: string; description: string; owner: string; at: string }
>;
/** The review ends when the program's next version, which carries its actions, exists. */
export type ProgramReviewClosed = Message<'ProgramReviewClosed', { reviewId: string; programId: string; nextProgramVersion: number; at: string }>;
export type ReviewEvent = ProgramFlaggedForReview | ImprovementActionRecorded | ProgramReviewClosed;
