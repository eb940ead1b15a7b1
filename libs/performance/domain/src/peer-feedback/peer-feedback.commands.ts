import type { Message } from '@tpm/kernel';
import type { CycleStage } from '../appraisal-cycle/appraisal-cycle.events';

/** What the application read about the reviewer for this appraisal: the facts the rules decide on. */
export interface ReviewerStanding {
  /** The reviewer is a nominee of this appraisal whom the manager or HR approved. */
  approvedNominee: boolean;
  /** The reviewer's manager (in the org) is the reviewee. */
  reportsToReviewee: boolean;
  /**
   * Whether this reviewer already sealed an anonymous entry on this appraisal, as the holding
   * area's keyed hash tells: `this-request` when it was this very request (a retry).
   */
  sealed: 'no' | 'this-request' | 'another';
}

export type SubmitPeerFeedback = Message<
  'SubmitPeerFeedback',
  {
    cycleId: string;
    employeeId: string;
    feedbackId: string;
    stage: CycleStage;
    relation: 'peer' | 'upward';
    reviewerId: string | null;
    anonymous: boolean;
    rating: number;
    comment: string;
    at: string;
    standing: ReviewerStanding;
  }
>;

/** A held anonymous entry, as the holding area gives it back at release: random ids, no reviewer, no time. */
export interface HeldFeedback {
  feedbackId: string;
  relation: 'peer' | 'upward';
  rating: number;
  comment: string;
}

/** Files the appraisal's held anonymous entries into its log once the cycle has left review. */
export type ReleaseAnonymousFeedback = Message<'ReleaseAnonymousFeedback', { cycleId: string; employeeId: string; stage: CycleStage; entries: HeldFeedback[]; at: string }>;

export type PeerFeedbackCommand = SubmitPeerFeedback | ReleaseAnonymousFeedback;
