import type { Message } from '@tpm/kernel';
import type { CoachingQuestion } from './coaching-questions';

export type SessionKind = 'ad-hoc' | 'formal';
/** Who added a talking point: the coach's side or the coachee's. */
export type AgendaSide = 'coach' | 'coachee';

export interface TalkingPoint {
  pointId: string;
  text: string;
  addedBy: string;
  side: AgendaSide;
  /** The session it was first raised in, when carried over. */
  fromSessionId: string | null;
}
export interface CarriedActionItem {
  actionItemId: string;
  fromSessionId: string;
}

export interface SessionSubject {
  sessionId: string;
  engagementId: string;
  coacheeId: string;
  businessUnitId: string;
}

export type SessionScheduled = Message<
  'SessionScheduled',
  SessionSubject & {
    coachId: string;
    kind: SessionKind;
    scheduledFor: string;
    /** Points the last session left uncovered: they open this session's agenda. */
    carriedOver: TalkingPoint[];
    /** Action items of earlier sessions still open: reviewed here, completed where they were agreed. */
    carriedActionItems: CarriedActionItem[];
    at: string;
  }
>;
export type TalkingPointAdded = Message<'TalkingPointAdded', SessionSubject & TalkingPoint & { at: string }>;
export type CoachingQuestionsAnswered = Message<'CoachingQuestionsAnswered', SessionSubject & { answers: Partial<Record<CoachingQuestion, string>>; by: string; at: string }>;
export type PraiseGiven = Message<'PraiseGiven', SessionSubject & { praiseId: string; behaviour: string; example: string; by: string; at: string }>;
export type ActionItemAdded = Message<'ActionItemAdded', SessionSubject & { actionItemId: string; text: string; ownerId: string; dueOn: string; at: string }>;
export type ActionItemCompleted = Message<'ActionItemCompleted', SessionSubject & { actionItemId: string; by: string; at: string }>;
export type SessionHeld = Message<
  'SessionHeld',
  SessionSubject & {
    kind: SessionKind;
    durationMinutes: number;
    coveredPointIds: string[];
    uncoveredPointIds: string[];
    /** Completion (0-100) of the phase objectives discussed: evidence for the coaching style. */
    objectiveProgress: { objectiveId: string; completion: number }[];
    heldAt: string;
    at: string;
  }
>;
export type SessionCancelled = Message<'SessionCancelled', SessionSubject & { reason: string; at: string }>;

export type SessionEvent = SessionScheduled | TalkingPointAdded | CoachingQuestionsAnswered | PraiseGiven | ActionItemAdded | ActionItemCompleted | SessionHeld | SessionCancelled;
