import { assertNever, type Decider } from '@tpm/kernel';
import type { ReviewCommand } from './review.commands';
import { NothingBelowThreshold, ReviewNotOpen, ReviewWithoutActions } from './review.errors';
import type { ReviewEvent } from './review.events';
import type { ReviewFinding } from './review.thresholds';

export interface OpenReview {
  reviewId: string;
  programVersion: number;
  findings: ReviewFinding[];
  actionIds: string[];
}

/** A program's reviews, one stream per program: at most one is open at a time. */
export interface ProgramReviews {
  programId: string | null;
  open: OpenReview | null;
  closed: { reviewId: string; nextProgramVersion: number }[];
}

const requireOpen = (s: ProgramReviews, reviewId: string): OpenReview => {
  if (!s.open || s.open.reviewId !== reviewId) throw new ReviewNotOpen(reviewId);
  return s.open;
};

const decide = (cmd: ReviewCommand, s: ProgramReviews): ReviewEvent[] => {
  switch (cmd.type) {
    case 'FlagProgramForReview': {
      // Flagging again while a review is open would only duplicate the work under way.
      if (s.open) return [];
      if (!cmd.data.findings.length) throw new NothingBelowThreshold(cmd.data.programId);
      return [{ type: 'ProgramFlaggedForReview', data: cmd.data }];
    }
    case 'RecordImprovementAction': {
      const open = requireOpen(s, cmd.data.reviewId);
      if (open.actionIds.includes(cmd.data.actionId)) return [];
      return [{ type: 'ImprovementActionRecorded', data: { ...cmd.data, programId: s.programId! } }];
    }
    case 'CloseReview': {
      const done = s.closed.find((c) => c.reviewId === cmd.data.reviewId);
      if (done) return [];
      const open = requireOpen(s, cmd.data.reviewId);
      if (!open.actionIds.length) throw new ReviewWithoutActions(open.reviewId);
      return [{ type: 'ProgramReviewClosed', data: { ...cmd.data, programId: s.programId! } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: ProgramReviews, e: ReviewEvent): ProgramReviews => {
  switch (e.type) {
    case 'ProgramFlaggedForReview':
      return { ...s, programId: e.data.programId, open: { reviewId: e.data.reviewId, programVersion: e.data.programVersion, findings: e.data.findings, actionIds: [] } };
    case 'ImprovementActionRecorded':
      return s.open ? { ...s, open: { ...s.open, actionIds: [...s.open.actionIds, e.data.actionId] } } : s;
    case 'ProgramReviewClosed':
      return { ...s, open: null, closed: [...s.closed, { reviewId: e.data.reviewId, nextProgramVersion: e.data.nextProgramVersion }] };
    default:
      return assertNever(e);
  }
};

export const reviewDecider: Decider<ReviewCommand, ReviewEvent, ProgramReviews> = {
  decide,
  evolve,
  initialState: (): ProgramReviews => ({ programId: null, open: null, closed: [] }),
};
