import type { Message } from '@tpm/kernel';
import type { CoachingQuestion } from './coaching-questions';
import type { AgendaSide, CarriedActionItem, SessionKind, SessionSubject, TalkingPoint } from './session.events';

export type ScheduleSession = Message<
  'ScheduleSession',
  SessionSubject & { coachId: string; kind: SessionKind; scheduledFor: string; carriedOver: TalkingPoint[]; carriedActionItems: CarriedActionItem[]; at: string }
>;
export type AddTalkingPoint = Message<'AddTalkingPoint', { pointId: string; text: string; addedBy: string; side: AgendaSide; at: string }>;
export type AnswerCoachingQuestions = Message<'AnswerCoachingQuestions', { answers: Partial<Record<CoachingQuestion, string>>; by: string; at: string }>;
export type GivePraise = Message<'GivePraise', { praiseId: string; behaviour: string; example: string; by: string; at: string }>;
export type AddActionItem = Message<'AddActionItem', { actionItemId: string; text: string; ownerId: string; dueOn: string; at: string }>;
export type CompleteActionItem = Message<'CompleteActionItem', { actionItemId: string; by: string; at: string }>;
export type HoldSession = Message<'HoldSession', { durationMinutes: number; coveredPointIds: string[]; objectiveProgress: { objectiveId: string; completion: number }[]; heldAt: string; at: string }>;
export type CancelSession = Message<'CancelSession', { reason: string; at: string }>;

export type SessionCommand = ScheduleSession | AddTalkingPoint | AnswerCoachingQuestions | GivePraise | AddActionItem | CompleteActionItem | HoldSession | CancelSession;
