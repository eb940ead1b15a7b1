import type { Message } from '@tpm/kernel';
import type { ReviewFinding } from './review.thresholds';

export type FlagProgramForReview = Message<
  'FlagProgramForReview',
  { reviewId: string; programId: string; programVersion: number; findings: ReviewFinding[]; at: string }
>;
export type RecordImprovementAction = Message<
  'RecordImprovementAction',
  { reviewId: string; actionId: string; description: string; owner: string; at: string }
>;
export type CloseReview = Message<'CloseReview', { reviewId: string; nextProgramVersion: number; at: string }>;
export type ReviewCommand = FlagProgramForReview | RecordImprovementAction | CloseReview;
