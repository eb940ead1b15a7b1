import { assertNever, type Decider } from '@tpm/kernel';
import { requireStage } from '../appraisal-cycle/appraisal-cycle.decider';
import type { PeerFeedbackCommand } from './peer-feedback.commands';
import { CannotReviewOneself, FeedbackAlreadyGiven, FeedbackRatingOutOfScale, ReviewerMustBeAnEmployee } from './peer-feedback.errors';
import type { PeerFeedbackEvent, PeerFeedbackSubmitted } from './peer-feedback.events';

export interface PeerFeedback {
  entries: PeerFeedbackSubmitted['data'][];
}

const decide = (cmd: PeerFeedbackCommand, s: PeerFeedback): PeerFeedbackEvent[] => {
  switch (cmd.type) {
    case 'SubmitPeerFeedback': {
      const { stage, reviewerId, ...d } = cmd.data;
      requireStage(d.cycleId, stage, '360 feedback', ['review']);
      if (reviewerId === null) throw new ReviewerMustBeAnEmployee();
      if (reviewerId === d.employeeId) throw new CannotReviewOneself(d.employeeId);
      if (!Number.isInteger(d.rating) || d.rating < 1 || d.rating > 5) throw new FeedbackRatingOutOfScale(d.rating);
      // The feedback id is the request's idempotency key: a retry says nothing new.
      if (s.entries.some((e) => e.feedbackId === d.feedbackId)) return [];
      if (!d.anonymous && s.entries.some((e) => e.reviewerId === reviewerId)) throw new FeedbackAlreadyGiven(d.employeeId);
      return [{ type: 'PeerFeedbackSubmitted', data: { ...d, reviewerId: d.anonymous ? null : reviewerId } }];
    }
    default:
      return assertNever(cmd.type);
  }
};

const evolve = (s: PeerFeedback, e: PeerFeedbackEvent): PeerFeedback => {
  switch (e.type) {
    case 'PeerFeedbackSubmitted':
      return { entries: [...s.entries, e.data] };
    default:
      return assertNever(e.type);
  }
};

export const peerFeedbackDecider: Decider<PeerFeedbackCommand, PeerFeedbackEvent, PeerFeedback> = { decide, evolve, initialState: () => ({ entries: [] }) };
