import { assertNever, type Decider } from '@tpm/kernel';
import { requireStage } from '../appraisal-cycle/appraisal-cycle.decider';
import { CYCLE_STAGES } from '../appraisal-cycle/appraisal-cycle.events';
import type { PeerFeedbackCommand, SubmitPeerFeedback } from './peer-feedback.commands';
import {
  AnonymousFeedbackStillHeld,
  CannotReviewOneself,
  FeedbackAlreadyGiven,
  FeedbackRatingOutOfScale,
  ReviewerMustBeAnEmployee,
  ReviewerNotApproved,
  UpwardFeedbackOnlyFromReports,
} from './peer-feedback.errors';
import type { PeerFeedbackEvent, PeerFeedbackSubmitted } from './peer-feedback.events';

/** What the log holds for one appraisal: named entries, and anonymous ones once released. */
export interface PeerFeedback {
  entries: PeerFeedbackSubmitted['data'][];
}

/** Who may write at all: approved nominees give peer feedback, direct reports give upward feedback. */
const requireEligible = ({ relation, employeeId, standing }: SubmitPeerFeedback['data']): void => {
  if (relation === 'peer' && !standing.approvedNominee) throw new ReviewerNotApproved(employeeId);
  if (relation === 'upward' && !standing.reportsToReviewee) throw new UpwardFeedbackOnlyFromReports(employeeId);
};

const submit = (cmd: SubmitPeerFeedback, s: PeerFeedback): PeerFeedbackEvent[] => {
  const { stage, reviewerId, standing, ...d } = cmd.data;
  requireStage(d.cycleId, stage, '360 feedback', ['review']);
  if (reviewerId === null) throw new ReviewerMustBeAnEmployee();
  if (reviewerId === d.employeeId) throw new CannotReviewOneself(d.employeeId);
  if (!Number.isInteger(d.rating) || d.rating < 1 || d.rating > 5) throw new FeedbackRatingOutOfScale(d.rating);
  requireEligible(cmd.data);
  // One entry per reviewer per appraisal, named or anonymous.
  const namedBefore = s.entries.some((e) => e.reviewerId === reviewerId);
  if (d.anonymous) {
    if (standing.sealed === 'this-request') return [];
    if (standing.sealed === 'another' || namedBefore) throw new FeedbackAlreadyGiven(d.employeeId);
    // Nothing that could point back at the request: no reviewer, no client id, no time.
    return [{ type: 'AnonymousFeedbackSealed', data: { cycleId: d.cycleId, employeeId: d.employeeId, relation: d.relation, rating: d.rating, comment: d.comment } }];
  }
  // The feedback id is the request's idempotency key: a retry says nothing new.
  if (s.entries.some((e) => e.feedbackId === d.feedbackId)) return [];
  if (namedBefore || standing.sealed !== 'no') throw new FeedbackAlreadyGiven(d.employeeId);
  return [{ type: 'PeerFeedbackSubmitted', data: { ...d, reviewerId } }];
};

const decide = (cmd: PeerFeedbackCommand, s: PeerFeedback): PeerFeedbackEvent[] => {
  switch (cmd.type) {
    case 'SubmitPeerFeedback':
      return submit(cmd, s);
    case 'ReleaseAnonymousFeedback': {
      const { cycleId, employeeId, stage, entries, at } = cmd.data;
      if (CYCLE_STAGES.indexOf(stage) <= CYCLE_STAGES.indexOf('review')) throw new AnonymousFeedbackStillHeld(cycleId, stage);
      // A release resumed after a crash finds part of its batch filed already: only the rest is new.
      const filed = new Set(s.entries.map((e) => e.feedbackId));
      return entries
        .filter((e) => !filed.has(e.feedbackId))
        .map((e) => ({ type: 'PeerFeedbackSubmitted' as const, data: { cycleId, employeeId, ...e, reviewerId: null, anonymous: true, at } }));
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: PeerFeedback, e: PeerFeedbackEvent): PeerFeedback => {
  switch (e.type) {
    case 'PeerFeedbackSubmitted':
      return { entries: [...s.entries, e.data] };
    case 'AnonymousFeedbackSealed':
      // Held outside the log: what the reviewee (or anyone) can read starts at release.
      return s;
    default:
      return assertNever(e);
  }
};

export const peerFeedbackDecider: Decider<PeerFeedbackCommand, PeerFeedbackEvent, PeerFeedback> = { decide, evolve, initialState: () => ({ entries: [] }) };
