import { assertNever, type Decider } from '@tpm/kernel';
import { requireStage } from '../appraisal-cycle/appraisal-cycle.decider';
import { CannotReviewOneself } from '../peer-feedback/peer-feedback.errors';
import type { FeedbackNominationCommand } from './feedback-nomination.commands';
import { NominationNotFound, OnlyManagerOrHrApproves, OnlyRevieweeOrManagerNominates } from './feedback-nomination.errors';
import type { FeedbackNominationEvent } from './feedback-nomination.events';

/** Who may give peer (360) feedback on one appraisal. */
export interface FeedbackNominations {
  nominees: Record<string, 'nominated' | 'approved'>;
}

/** Reviewers are chosen before and during review; once review ends nobody new may write. */
const OPEN_STAGES = ['planning', 'execution', 'review'] as const;

const decide = (cmd: FeedbackNominationCommand, s: FeedbackNominations): FeedbackNominationEvent[] => {
  switch (cmd.type) {
    case 'NominateReviewer': {
      const { stage, nominatedBy, managerId, ...d } = cmd.data;
      requireStage(d.cycleId, stage, 'Nominating 360 reviewers', [...OPEN_STAGES]);
      if (nominatedBy === null || (nominatedBy !== d.employeeId && nominatedBy !== managerId)) throw new OnlyRevieweeOrManagerNominates(d.employeeId);
      if (d.reviewerId === d.employeeId) throw new CannotReviewOneself(d.employeeId);
      // A retried nomination (or one already approved) says nothing new.
      if (s.nominees[d.reviewerId]) return [];
      return [{ type: 'ReviewerNominated', data: { ...d, nominatedBy } }];
    }
    case 'ApproveNomination': {
      const { stage, approvedBy, approvedBySubject, managerId, byHr, ...d } = cmd.data;
      requireStage(d.cycleId, stage, 'Approving 360 reviewers', [...OPEN_STAGES]);
      const isManager = approvedBy !== null && approvedBy === managerId;
      if (!isManager && !byHr) throw new OnlyManagerOrHrApproves(d.employeeId);
      const standing = s.nominees[d.reviewerId];
      if (!standing) throw new NominationNotFound(d.employeeId, d.reviewerId);
      if (standing === 'approved') return [];
      return [{ type: 'NominationApproved', data: { ...d, approvedBy: approvedBy ?? approvedBySubject } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: FeedbackNominations, e: FeedbackNominationEvent): FeedbackNominations => {
  switch (e.type) {
    case 'ReviewerNominated':
      return { nominees: { ...s.nominees, [e.data.reviewerId]: 'nominated' } };
    case 'NominationApproved':
      return { nominees: { ...s.nominees, [e.data.reviewerId]: 'approved' } };
    default:
      return assertNever(e);
  }
};

export const isApprovedReviewer = (s: FeedbackNominations, reviewerId: string): boolean => s.nominees[reviewerId] === 'approved';

export const feedbackNominationDecider: Decider<FeedbackNominationCommand, FeedbackNominationEvent, FeedbackNominations> = {
  decide,
  evolve,
  initialState: () => ({ nominees: {} }),
};
