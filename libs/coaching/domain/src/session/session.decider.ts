import { assertNever, type Decider } from '@tpm/kernel';
import type { CoachingQuestion } from './coaching-questions';
import { praiseProblems } from './praise';
import type { SessionCommand } from './session.commands';
import { ActionItemNotFound, EmptyAnswers, PraiseNotSpecific, SessionCancelledAlready, SessionNotOpen, UnknownTalkingPoint } from './session.errors';
import type { CarriedActionItem, SessionEvent, SessionKind, SessionSubject, TalkingPoint } from './session.events';

export interface ActionItem {
  actionItemId: string;
  text: string;
  ownerId: string;
  dueOn: string;
  done: boolean;
}

export type Session =
  | { status: 'none' }
  | (SessionSubject & {
      status: 'scheduled' | 'held' | 'cancelled';
      coachId: string;
      kind: SessionKind;
      scheduledFor: string;
      agenda: TalkingPoint[];
      carriedActionItems: CarriedActionItem[];
      answers: Partial<Record<CoachingQuestion, string>>;
      praise: { praiseId: string; behaviour: string; example: string; by: string }[];
      actionItems: ActionItem[];
      held: { durationMinutes: number; heldAt: string; coveredPointIds: string[]; uncoveredPointIds: string[]; objectiveProgress: { objectiveId: string; completion: number }[] } | null;
    });

type Live = Exclude<Session, { status: 'none' }>;
const subjectOf = (s: Live): SessionSubject => ({ sessionId: s.sessionId, engagementId: s.engagementId, coacheeId: s.coacheeId, businessUnitId: s.businessUnitId });

/** Points not covered when a session ended (all of them when it was cancelled): they carry over. */
export const uncoveredPoints = (s: Session): TalkingPoint[] => {
  if (s.status === 'none' || s.status === 'scheduled') return [];
  const covered = new Set(s.held?.coveredPointIds ?? []);
  return s.agenda.filter((p) => !covered.has(p.pointId));
};

const live = (s: Session): Live => {
  if (s.status === 'none') throw new SessionNotOpen('unknown');
  if (s.status === 'cancelled') throw new SessionCancelledAlready();
  return s;
};
const open = (s: Session): Live => {
  const l = live(s);
  if (l.status !== 'scheduled') throw new SessionNotOpen(l.status);
  return l;
};

const decide = (cmd: SessionCommand, s: Session): SessionEvent[] => {
  switch (cmd.type) {
    case 'ScheduleSession':
      // A retried schedule names the same session: nothing new.
      if (s.status !== 'none') return [];
      return [{ type: 'SessionScheduled', data: { ...cmd.data } }];
    case 'AddTalkingPoint': {
      const l = open(s);
      if (l.agenda.some((p) => p.pointId === cmd.data.pointId)) return [];
      return [{ type: 'TalkingPointAdded', data: { ...subjectOf(l), ...cmd.data, fromSessionId: null } }];
    }
    case 'AnswerCoachingQuestions': {
      const l = live(s);
      const answers = Object.fromEntries(Object.entries(cmd.data.answers).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
      if (!Object.keys(answers).length) throw new EmptyAnswers();
      if (Object.entries(answers).every(([k, v]) => l.answers[k as CoachingQuestion] === v)) return [];
      return [{ type: 'CoachingQuestionsAnswered', data: { ...subjectOf(l), answers, by: cmd.data.by, at: cmd.data.at } }];
    }
    case 'GivePraise': {
      const l = live(s);
      if (l.praise.some((p) => p.praiseId === cmd.data.praiseId)) return [];
      const problems = praiseProblems(cmd.data.behaviour, cmd.data.example);
      if (problems.length) throw new PraiseNotSpecific(problems);
      return [{ type: 'PraiseGiven', data: { ...subjectOf(l), ...cmd.data } }];
    }
    case 'AddActionItem': {
      const l = live(s);
      if (l.actionItems.some((a) => a.actionItemId === cmd.data.actionItemId)) return [];
      return [{ type: 'ActionItemAdded', data: { ...subjectOf(l), ...cmd.data } }];
    }
    case 'CompleteActionItem': {
      if (s.status === 'none') throw new ActionItemNotFound(cmd.data.actionItemId);
      const item = s.actionItems.find((a) => a.actionItemId === cmd.data.actionItemId);
      if (!item) throw new ActionItemNotFound(cmd.data.actionItemId);
      if (item.done) return [];
      // An action item agreed in a session stays trackable after it was held (or even cancelled).
      return [{ type: 'ActionItemCompleted', data: { ...subjectOf(s), ...cmd.data } }];
    }
    case 'HoldSession': {
      const l = open(s);
      const onAgenda = new Set(l.agenda.map((p) => p.pointId));
      const unknown = cmd.data.coveredPointIds.filter((id) => !onAgenda.has(id));
      if (unknown.length) throw new UnknownTalkingPoint(unknown);
      const covered = new Set(cmd.data.coveredPointIds);
      return [
        {
          type: 'SessionHeld',
          data: { ...subjectOf(l), kind: l.kind, ...cmd.data, coveredPointIds: [...covered], uncoveredPointIds: l.agenda.map((p) => p.pointId).filter((id) => !covered.has(id)) },
        },
      ];
    }
    case 'CancelSession': {
      if (s.status === 'cancelled') return [];
      const l = open(s);
      return [{ type: 'SessionCancelled', data: { ...subjectOf(l), ...cmd.data } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: Session, e: SessionEvent): Session => {
  if (e.type === 'SessionScheduled') {
    const { at: _at, carriedOver, ...d } = e.data;
    return { ...d, status: 'scheduled', agenda: carriedOver, answers: {}, praise: [], actionItems: [], held: null };
  }
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'TalkingPointAdded':
      return { ...s, agenda: [...s.agenda, { pointId: e.data.pointId, text: e.data.text, addedBy: e.data.addedBy, side: e.data.side, fromSessionId: e.data.fromSessionId }] };
    case 'CoachingQuestionsAnswered':
      return { ...s, answers: { ...s.answers, ...e.data.answers } };
    case 'PraiseGiven':
      return { ...s, praise: [...s.praise, { praiseId: e.data.praiseId, behaviour: e.data.behaviour, example: e.data.example, by: e.data.by }] };
    case 'ActionItemAdded':
      return { ...s, actionItems: [...s.actionItems, { actionItemId: e.data.actionItemId, text: e.data.text, ownerId: e.data.ownerId, dueOn: e.data.dueOn, done: false }] };
    case 'ActionItemCompleted':
      return { ...s, actionItems: s.actionItems.map((a) => (a.actionItemId === e.data.actionItemId ? { ...a, done: true } : a)) };
    case 'SessionHeld':
      return {
        ...s,
        status: 'held',
        held: { durationMinutes: e.data.durationMinutes, heldAt: e.data.heldAt, coveredPointIds: e.data.coveredPointIds, uncoveredPointIds: e.data.uncoveredPointIds, objectiveProgress: e.data.objectiveProgress },
      };
    case 'SessionCancelled':
      return { ...s, status: 'cancelled' };
    default:
      return assertNever(e);
  }
};

export const sessionDecider: Decider<SessionCommand, SessionEvent, Session> = { decide, evolve, initialState: (): Session => ({ status: 'none' }) };
