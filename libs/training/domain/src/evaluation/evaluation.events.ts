import type { Message } from '@tpm/kernel';

export interface EvaluationSubject {
  sessionId: string;
  employeeId: string;
  programId: string;
}
export interface ReactionAnswer {
  question: string;
  /** 1 (poor) .. 5 (excellent). */
  rating: number;
}

/** Kirkpatrick L1: how the participant reacted. */
export type ReactionSubmitted = Message<'ReactionSubmitted', EvaluationSubject & { answers: ReactionAnswer[]; average: number; comment: string | null; at: string }>;
/** Kirkpatrick L2: what they learned; `gain` is post − pre once both are known. */
export type LearningTestRecorded = Message<'LearningTestRecorded', EvaluationSubject & { phase: 'pre' | 'post'; score: number; gain: number | null; at: string }>;
/** Kirkpatrick L3: what their manager saw them do, weeks after the training. */
export type BehaviourObserved = Message<
  'BehaviourObserved',
  EvaluationSubject & { observerId: string; rating: number; applied: boolean; notes: string; weeksAfterTraining: number; at: string }
>;
export type EvaluationEvent = ReactionSubmitted | LearningTestRecorded | BehaviourObserved;
