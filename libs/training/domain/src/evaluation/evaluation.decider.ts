import { assertNever, type Decider } from '@tpm/kernel';
import type { EvaluationCommand } from './evaluation.commands';
import { BehaviourObservedTooEarly, EvaluationOutOfScale, LearningTestOutOfOrder, ReactionAlreadySubmitted } from './evaluation.errors';
import type { EvaluationEvent, ReactionAnswer } from './evaluation.events';

/** L3 asks whether the skill shows in daily work: too soon after the course it cannot show yet. */
export const MIN_WEEKS_BEFORE_BEHAVIOUR = 4;
const WEEK_MS = 7 * 24 * 3600 * 1000;

/** One participant's evaluation of one session, on Kirkpatrick levels 1-3 (L4 is a read model). */
export interface Evaluation {
  reaction: ReactionAnswer[] | null;
  pre: number | null;
  post: number | null;
  behaviourRatings: number[];
}

const inScale = (field: string, value: number, min: number, max: number) => {
  if (!(value >= min && value <= max)) throw new EvaluationOutOfScale(field, value, min, max);
};

const decide = (cmd: EvaluationCommand, s: Evaluation): EvaluationEvent[] => {
  switch (cmd.type) {
    case 'SubmitReaction': {
      const { answers, ...rest } = cmd.data;
      if (!answers.length) throw new EvaluationOutOfScale('answers', 0, 1, 50);
      answers.forEach((a) => inScale(`rating of "${a.question}"`, a.rating, 1, 5));
      if (s.reaction) {
        if (JSON.stringify(s.reaction) === JSON.stringify(answers)) return [];
        throw new ReactionAlreadySubmitted(cmd.data.employeeId, cmd.data.sessionId);
      }
      const average = Math.round((answers.reduce((n, a) => n + a.rating, 0) / answers.length) * 100) / 100;
      return [{ type: 'ReactionSubmitted', data: { ...rest, answers, average } }];
    }
    case 'RecordLearningTest': {
      const { phase, score } = cmd.data;
      inScale('score', score, 0, 100);
      if ((phase === 'pre' ? s.pre : s.post) === score) return [];
      if (phase === 'pre' && s.post !== null) throw new LearningTestOutOfOrder('The pre-test cannot be recorded after the post-test');
      const pre = phase === 'pre' ? score : s.pre;
      const gain = phase === 'post' && pre !== null ? score - pre : null;
      return [{ type: 'LearningTestRecorded', data: { ...cmd.data, gain } }];
    }
    case 'ObserveBehaviour': {
      const { trainingEndedAt, ...rest } = cmd.data;
      inScale('rating', rest.rating, 1, 5);
      const weeks = Math.floor((Date.parse(rest.at) - Date.parse(trainingEndedAt)) / WEEK_MS);
      if (weeks < MIN_WEEKS_BEFORE_BEHAVIOUR) throw new BehaviourObservedTooEarly(weeks, MIN_WEEKS_BEFORE_BEHAVIOUR);
      return [{ type: 'BehaviourObserved', data: { ...rest, weeksAfterTraining: weeks } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: Evaluation, e: EvaluationEvent): Evaluation => {
  switch (e.type) {
    case 'ReactionSubmitted':
      return { ...s, reaction: e.data.answers };
    case 'LearningTestRecorded':
      return e.data.phase === 'pre' ? { ...s, pre: e.data.score } : { ...s, post: e.data.score };
    case 'BehaviourObserved':
      return { ...s, behaviourRatings: [...s.behaviourRatings, e.data.rating] };
    default:
      return assertNever(e);
  }
};

export const evaluationDecider: Decider<EvaluationCommand, EvaluationEvent, Evaluation> = {
  decide,
  evolve,
  initialState: (): Evaluation => ({ reaction: null, pre: null, post: null, behaviourRatings: [] }),
};
