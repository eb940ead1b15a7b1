import { deciderSpec } from '@tpm/kernel/testing';
import { AppraisalCycleClosedError, WrongCycleStage } from '../appraisal-cycle/appraisal-cycle.errors';
import { CannotReviewOneself } from '../peer-feedback/peer-feedback.errors';
import type { ApproveNomination, NominateReviewer } from './feedback-nomination.commands';
import { feedbackNominationDecider } from './feedback-nomination.decider';
import { NominationNotFound, OnlyManagerOrHrApproves, OnlyRevieweeOrManagerNominates } from './feedback-nomination.errors';
import type { FeedbackNominationEvent } from './feedback-nomination.events';

const at = '2027-09-01T00:00:00.000Z';
const given = deciderSpec(feedbackNominationDecider);
const appraisal = { cycleId: 'C1', employeeId: 'ana', at };

const nominate = (changes: Partial<NominateReviewer['data']> = {}): NominateReviewer => ({
  type: 'NominateReviewer',
  data: { ...appraisal, stage: 'execution', reviewerId: 'dan', nominatedBy: 'ana', managerId: 'boss', ...changes },
});
const approve = (changes: Partial<ApproveNomination['data']> = {}): ApproveNomination => ({
  type: 'ApproveNomination',
  data: { ...appraisal, stage: 'execution', reviewerId: 'dan', approvedBy: 'boss', approvedBySubject: 'boss-login', managerId: 'boss', byHr: false, ...changes },
});
const nominated = (reviewerId = 'dan', nominatedBy = 'ana'): FeedbackNominationEvent => ({ type: 'ReviewerNominated', data: { ...appraisal, reviewerId, nominatedBy } });
const approved = (reviewerId = 'dan', approvedBy = 'boss'): FeedbackNominationEvent => ({ type: 'NominationApproved', data: { ...appraisal, reviewerId, approvedBy } });

describe('NominateReviewer', () => {
  it('lets the reviewee nominate a colleague from any unit', () => given([]).when(nominate()).then([nominated()]));
  it("lets the reviewee's manager nominate a reviewer", () => given([]).when(nominate({ nominatedBy: 'boss' })).then([nominated('dan', 'boss')]));
  it('takes nominations during review too', () => given([]).when(nominate({ stage: 'review' })).then([nominated()]));
  it('refuses a nomination by anyone else', () => given([]).when(nominate({ nominatedBy: 'eve' })).thenThrows(OnlyRevieweeOrManagerNominates));
  it('refuses a nomination by a caller who is no employee', () => given([]).when(nominate({ nominatedBy: null })).thenThrows(OnlyRevieweeOrManagerNominates));
  it('refuses to nominate the reviewee as their own reviewer', () => given([]).when(nominate({ reviewerId: 'ana' })).thenThrows(CannotReviewOneself));
  it('refuses nominations once review is over', () => given([]).when(nominate({ stage: 'calibration' })).thenThrows(WrongCycleStage));
  it('refuses nominations in a closed cycle', () => given([]).when(nominate({ stage: 'closed' })).thenThrows(AppraisalCycleClosedError));
  it('says nothing new when the reviewer is nominated again', () => given([nominated()]).when(nominate({ nominatedBy: 'boss' })).then([]));
});

describe('ApproveNomination', () => {
  it("lets the reviewee's manager approve a nominee", () => given([nominated()]).when(approve()).then([approved()]));
  it('lets HR approve a nominee, recording the HR account when it is no employee', () =>
    given([nominated()]).when(approve({ approvedBy: null, byHr: true })).then([approved('dan', 'boss-login')]));
  it('refuses an approval by anyone who is neither the manager nor HR', () => given([nominated()]).when(approve({ approvedBy: 'ana' })).thenThrows(OnlyManagerOrHrApproves));
  it('refuses to approve someone who was never nominated', () => given([nominated('cy')]).when(approve()).thenThrows(NominationNotFound));
  it('refuses approvals once review is over', () => given([nominated()]).when(approve({ stage: 'feedback' })).thenThrows(WrongCycleStage));
  it('says nothing new when an approved nominee is approved again', () => given([nominated(), approved()]).when(approve()).then([]));
});
