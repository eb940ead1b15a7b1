import { deciderSpec } from '@tpm/kernel/testing';
import type { EvaluationCommand } from './evaluation.commands';
import { evaluationDecider } from './evaluation.decider';
import { BehaviourObservedTooEarly, EvaluationOutOfScale, LearningTestOutOfOrder, ReactionAlreadySubmitted } from './evaluation.errors';
import type { EvaluationEvent } from './evaluation.events';

const given = deciderSpec(evaluationDecider);
const at = '2027-03-10T00:00:00.000Z';
const who = { sessionId: 's1', employeeId: 'ana', programId: 'p1' };
const answers = [
  { question: 'relevance', rating: 4 },
  { question: 'trainer', rating: 5 },
];
const react = (a = answers): EvaluationCommand => ({ type: 'SubmitReaction', data: { ...who, answers: a, comment: null, at } });
const reacted = (): EvaluationEvent => ({ type: 'ReactionSubmitted', data: { ...who, answers, average: 4.5, comment: null, at } });
const test = (phase: 'pre' | 'post', score: number): EvaluationCommand => ({ type: 'RecordLearningTest', data: { ...who, phase, score, at } });
const tested = (phase: 'pre' | 'post', score: number, gain: number | null = null): EvaluationEvent => ({
  type: 'LearningTestRecorded',
  data: { ...who, phase, score, gain, at },
});
const observe = (when: string): EvaluationCommand => ({
  type: 'ObserveBehaviour',
  data: { ...who, observerId: 'boss', rating: 4, applied: true, notes: 'uses the checklist', trainingEndedAt: '2027-03-09T17:00:00.000Z', at: when },
});

describe('SubmitReaction (L1)', () => {
  it('records the questionnaire with its average', () => given([]).when(react()).then([reacted()]));
  it('says nothing when the same answers arrive again', () => given([reacted()]).when(react()).then([]));
  it('refuses a second, different questionnaire', () => given([reacted()]).when(react([{ question: 'relevance', rating: 1 }])).thenThrows(ReactionAlreadySubmitted));
  it('refuses a rating outside 1-5', () => given([]).when(react([{ question: 'relevance', rating: 6 }])).thenThrows(EvaluationOutOfScale));
});

describe('RecordLearningTest (L2)', () => {
  it('records the pre-test without a gain', () => given([]).when(test('pre', 40)).then([tested('pre', 40)]));
  it('computes the learning gain on the post-test', () => given([tested('pre', 40)]).when(test('post', 75)).then([tested('post', 75, 35)]));
  it('refuses a pre-test after the post-test', () => given([tested('post', 75)]).when(test('pre', 40)).thenThrows(LearningTestOutOfOrder));
  it('refuses a score outside 0-100', () => given([]).when(test('pre', 140)).thenThrows(EvaluationOutOfScale));
});

describe('ObserveBehaviour (L3)', () => {
  it('records the manager’s observation weeks after the training', () =>
    given([])
      .when(observe('2027-04-20T00:00:00.000Z'))
      .then([
        {
          type: 'BehaviourObserved',
          data: { ...who, observerId: 'boss', rating: 4, applied: true, notes: 'uses the checklist', weeksAfterTraining: 5, at: '2027-04-20T00:00:00.000Z' },
        },
      ]));
  it('refuses an observation days after the training', () => given([]).when(observe('2027-03-15T00:00:00.000Z')).thenThrows(BehaviourObservedTooEarly));
});
