import { deciderSpec } from '@tpm/kernel/testing';
import { WrongCycleStage } from '../appraisal-cycle/appraisal-cycle.errors';
import type { PeerFeedbackCommand } from './peer-feedback.commands';
import { peerFeedbackDecider } from './peer-feedback.decider';
import { CannotReviewOneself, FeedbackAlreadyGiven, FeedbackRatingOutOfScale, ReviewerMustBeAnEmployee } from './peer-feedback.errors';
import type { PeerFeedbackEvent } from './peer-feedback.events';

const at = '2027-10-01T00:00:00.000Z';
const given = deciderSpec(peerFeedbackDecider);
type Data = Extract<PeerFeedbackCommand, { type: 'SubmitPeerFeedback' }>['data'];
const base: Data = { cycleId: 'C1', employeeId: 'ana', feedbackId: 'F1', stage: 'review', relation: 'peer', reviewerId: 'dan', anonymous: false, rating: 4, comment: 'great partner', at };
const submit = (changes: Partial<Data> = {}): PeerFeedbackCommand => ({ type: 'SubmitPeerFeedback', data: { ...base, ...changes } });
const submitted = (changes: Partial<Data> = {}): PeerFeedbackEvent => {
  const { stage: _s, ...d } = { ...base, ...changes };
  return { type: 'PeerFeedbackSubmitted', data: d };
};

describe('SubmitPeerFeedback', () => {
  it('records named peer feedback with its reviewer', () => given([]).when(submit()).then([submitted()]));
  it('records anonymous feedback without any reviewer', () => given([]).when(submit({ anonymous: true })).then([submitted({ anonymous: true, reviewerId: null })]));
  it('records upward feedback on a manager', () => given([]).when(submit({ relation: 'upward' })).then([submitted({ relation: 'upward' })]));
  it('refuses feedback on oneself', () => given([]).when(submit({ reviewerId: 'ana' })).thenThrows(CannotReviewOneself));
  it('refuses feedback from someone who is no employee', () => given([]).when(submit({ reviewerId: null })).thenThrows(ReviewerMustBeAnEmployee));
  it('refuses a rating outside 1-5', () => given([]).when(submit({ rating: 0 })).thenThrows(FeedbackRatingOutOfScale));
  it('refuses feedback outside review', () => given([]).when(submit({ stage: 'calibration' })).thenThrows(WrongCycleStage));
  it('says nothing new when the same feedback id is sent again', () => given([submitted()]).when(submit()).then([]));
  it('refuses a second named feedback by the same reviewer', () => given([submitted()]).when(submit({ feedbackId: 'F2' })).thenThrows(FeedbackAlreadyGiven));
});
