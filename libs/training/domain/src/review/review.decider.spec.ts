import { deciderSpec } from '@tpm/kernel/testing';
import type { ReviewCommand } from './review.commands';
import { reviewDecider } from './review.decider';
import { NothingBelowThreshold, ReviewNotOpen, ReviewWithoutActions } from './review.errors';
import type { ReviewEvent } from './review.events';
import { DEFAULT_REVIEW_THRESHOLDS, findingsBelowThreshold, type ReviewFinding } from './review.thresholds';

const given = deciderSpec(reviewDecider);
const at = '2027-06-01T00:00:00.000Z';
const findings: ReviewFinding[] = [{ metric: 'L1 reaction average', value: 2.5, threshold: 3.5 }];
const flag = (f = findings): ReviewCommand => ({ type: 'FlagProgramForReview', data: { reviewId: 'r1', programId: 'p1', programVersion: 1, findings: f, at } });
const flagged = (): ReviewEvent => ({ type: 'ProgramFlaggedForReview', data: { reviewId: 'r1', programId: 'p1', programVersion: 1, findings, at } });
const action = (): ReviewEvent => ({ type: 'ImprovementActionRecorded', data: { reviewId: 'r1', programId: 'p1', actionId: 'a1', description: 'more practice', owner: 'hr-1', at } });
const close = (): ReviewCommand => ({ type: 'CloseReview', data: { reviewId: 'r1', nextProgramVersion: 2, at } });

describe('FlagProgramForReview', () => {
  it('flags a program whose evaluations fell below a threshold', () => given([]).when(flag()).then([flagged()]));
  it('says nothing while a review is already open', () => given([flagged()]).when(flag()).then([]));
  it('refuses to flag without a finding', () => given([]).when(flag([])).thenThrows(NothingBelowThreshold));
});

describe('RecordImprovementAction', () => {
  it('records an action on the open review', () =>
    given([flagged()])
      .when({ type: 'RecordImprovementAction', data: { reviewId: 'r1', actionId: 'a1', description: 'more practice', owner: 'hr-1', at } })
      .then([action()]));
  it('refuses an action on a review that is not open', () =>
    given([]).when({ type: 'RecordImprovementAction', data: { reviewId: 'r9', actionId: 'a1', description: 'x', owner: 'y', at } }).thenThrows(ReviewNotOpen));
});

describe('CloseReview', () => {
  it('closes the review with the program version that carries its actions', () =>
    given([flagged(), action()]).when(close()).then([{ type: 'ProgramReviewClosed', data: { reviewId: 'r1', programId: 'p1', nextProgramVersion: 2, at } }]));
  it('refuses to close a review without improvement actions', () => given([flagged()]).when(close()).thenThrows(ReviewWithoutActions));
});

describe('findingsBelowThreshold', () => {
  it('flags each measured level below its threshold and ignores levels without data', () =>
    expect(findingsBelowThreshold({ reactionAverage: 3, learningGain: null, resultEffect: -2 }, DEFAULT_REVIEW_THRESHOLDS).map((f) => f.metric)).toEqual([
      'L1 reaction average',
      'L4 result effect',
    ]));
});
