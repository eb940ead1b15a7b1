import { deciderSpec } from '@tpm/kernel/testing';
import { WrongCycleStage } from '../appraisal-cycle/appraisal-cycle.errors';
import type { HeldFeedback, PeerFeedbackCommand, ReleaseAnonymousFeedback, ReviewerStanding, SubmitPeerFeedback } from './peer-feedback.commands';
import { peerFeedbackDecider } from './peer-feedback.decider';
import {
  AnonymousFeedbackStillHeld,
  CannotReviewOneself,
  FeedbackAlreadyGiven,
  FeedbackRatingOutOfScale,
  ReviewerMustBeAnEmployee,
  ReviewerNotApproved,
  UpwardFeedbackOnlyFromReports,
} from './peer-feedback.errors';
import type { PeerFeedbackEvent } from './peer-feedback.events';

const at = '2027-10-01T00:00:00.000Z';
const releasedAt = '2027-11-01T00:00:00.000Z';
const given = deciderSpec(peerFeedbackDecider);
type Data = SubmitPeerFeedback['data'];
const eligible: ReviewerStanding = { approvedNominee: true, reportsToReviewee: false, sealed: 'no' };
const base: Data = { cycleId: 'C1', employeeId: 'ana', feedbackId: 'F1', stage: 'review', relation: 'peer', reviewerId: 'dan', anonymous: false, rating: 4, comment: 'great partner', at, standing: eligible };
const submit = (changes: Partial<Data> = {}, standing: Partial<ReviewerStanding> = {}): PeerFeedbackCommand => ({
  type: 'SubmitPeerFeedback',
  data: { ...base, ...changes, standing: { ...eligible, ...standing } },
});
const submitted = (changes: Partial<Data> = {}): PeerFeedbackEvent => {
  const { stage: _s, standing: _st, ...d } = { ...base, ...changes };
  return { type: 'PeerFeedbackSubmitted', data: d };
};
const sealed = (changes: Partial<Pick<Data, 'relation' | 'rating' | 'comment'>> = {}): PeerFeedbackEvent => ({
  type: 'AnonymousFeedbackSealed',
  data: { cycleId: 'C1', employeeId: 'ana', relation: 'peer', rating: 4, comment: 'great partner', ...changes },
});
const held = (feedbackId: string, comment = 'kind'): HeldFeedback => ({ feedbackId, relation: 'peer', rating: 3, comment });
const release = (entries: HeldFeedback[], stage: ReleaseAnonymousFeedback['data']['stage'] = 'calibration'): PeerFeedbackCommand => ({
  type: 'ReleaseAnonymousFeedback',
  data: { cycleId: 'C1', employeeId: 'ana', stage, entries, at: releasedAt },
});
const released = (h: HeldFeedback): PeerFeedbackEvent => ({
  type: 'PeerFeedbackSubmitted',
  data: { cycleId: 'C1', employeeId: 'ana', ...h, reviewerId: null, anonymous: true, at: releasedAt },
});

describe('SubmitPeerFeedback, named', () => {
  it('records named peer feedback by an approved nominee with its reviewer', () => given([]).when(submit()).then([submitted()]));
  it('records upward feedback from a direct report of the reviewee', () =>
    given([]).when(submit({ relation: 'upward' }, { approvedNominee: false, reportsToReviewee: true })).then([submitted({ relation: 'upward' })]));
  it('refuses peer feedback from someone not nominated and approved', () => given([]).when(submit({}, { approvedNominee: false })).thenThrows(ReviewerNotApproved));
  it('refuses upward feedback from someone who does not report to the reviewee', () =>
    given([]).when(submit({ relation: 'upward' }, { approvedNominee: true, reportsToReviewee: false })).thenThrows(UpwardFeedbackOnlyFromReports));
  it('refuses feedback on oneself', () => given([]).when(submit({ reviewerId: 'ana' })).thenThrows(CannotReviewOneself));
  it('refuses feedback from someone who is no employee', () => given([]).when(submit({ reviewerId: null })).thenThrows(ReviewerMustBeAnEmployee));
  it('refuses a rating outside 1-5', () => given([]).when(submit({ rating: 0 })).thenThrows(FeedbackRatingOutOfScale));
  it('refuses feedback outside review', () => given([]).when(submit({ stage: 'calibration' })).thenThrows(WrongCycleStage));
  it('says nothing new when the same feedback id is sent again', () => given([submitted()]).when(submit()).then([]));
  it('refuses a second named feedback by the same reviewer', () => given([submitted()]).when(submit({ feedbackId: 'F2' })).thenThrows(FeedbackAlreadyGiven));
  it('refuses named feedback from a reviewer who already sealed an anonymous entry on the appraisal', () =>
    given([]).when(submit({}, { sealed: 'another' })).thenThrows(FeedbackAlreadyGiven));
});

describe('SubmitPeerFeedback, anonymous', () => {
  it('seals the entry with what was said and nothing about who, which request or when', () => given([]).when(submit({ anonymous: true })).then([sealed()]));
  it('seals anonymous upward feedback from a direct report', () =>
    given([]).when(submit({ anonymous: true, relation: 'upward' }, { approvedNominee: false, reportsToReviewee: true })).then([sealed({ relation: 'upward' })]));
  it('refuses anonymous peer feedback from someone not nominated and approved', () =>
    given([]).when(submit({ anonymous: true }, { approvedNominee: false })).thenThrows(ReviewerNotApproved));
  it('refuses anonymous upward feedback from someone who does not report to the reviewee', () =>
    given([]).when(submit({ anonymous: true, relation: 'upward' }, { reportsToReviewee: false })).thenThrows(UpwardFeedbackOnlyFromReports));
  it('refuses a second anonymous entry by the same reviewer while review is open', () =>
    given([]).when(submit({ anonymous: true, feedbackId: 'F2' }, { sealed: 'another' })).thenThrows(FeedbackAlreadyGiven));
  it('says nothing new when the request that sealed the entry is retried', () => given([]).when(submit({ anonymous: true }, { sealed: 'this-request' })).then([]));
  it('refuses an anonymous entry from a reviewer who already gave named feedback on the appraisal', () =>
    given([submitted()]).when(submit({ anonymous: true, feedbackId: 'F2' })).thenThrows(FeedbackAlreadyGiven));
  it('refuses anonymous feedback outside review', () => given([]).when(submit({ anonymous: true, stage: 'execution' })).thenThrows(WrongCycleStage));
});

describe('ReleaseAnonymousFeedback', () => {
  it('files every held entry without a reviewer, at the release time', () =>
    given([submitted()]).when(release([held('R1'), held('R2', 'direct')])).then([released(held('R1')), released(held('R2', 'direct'))]));
  it('files only what a resumed release has not filed yet', () => given([released(held('R1'))]).when(release([held('R1'), held('R2')])).then([released(held('R2'))]));
  it('keeps the entries held while the cycle is still in review', () => given([]).when(release([held('R1')], 'review')).thenThrows(AnonymousFeedbackStillHeld));
  it('releases held entries even once the cycle has closed', () => given([]).when(release([held('R1')], 'closed')).then([released(held('R1'))]));
});
