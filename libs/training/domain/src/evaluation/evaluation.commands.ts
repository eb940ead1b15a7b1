import type { Message } from '@tpm/kernel';
import type { EvaluationSubject, ReactionAnswer } from './evaluation.events';

export type SubmitReaction = Message<'SubmitReaction', EvaluationSubject & { answers: ReactionAnswer[]; comment: string | null; at: string }>;
export type RecordLearningTest = Message<'RecordLearningTest', EvaluationSubject & { phase: 'pre' | 'post'; score: number; at: string }>;
export type ObserveBehaviour = Message<
  'ObserveBehaviour',
  EvaluationSubject & { observerId: string; rating: number; applied: boolean; notes: string; trainingEndedAt: string; at: string }
>;
export type EvaluationCommand = SubmitReaction | RecordLearningTest | ObserveBehaviour;
