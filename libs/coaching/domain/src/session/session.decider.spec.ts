import { deciderSpec } from '@tpm/kernel/testing';
import type { SessionCommand } from './session.commands';
import { sessionDecider, uncoveredPoints } from './session.decider';
import { ActionItemNotFound, EmptyAnswers, PraiseNotSpecific, SessionCancelledAlready, SessionNotOpen, UnknownTalkingPoint } from './session.errors';
import type { SessionEvent } from './session.events';
import { fold } from '@tpm/kernel';

const given = deciderSpec(sessionDecider);
const at = '2027-03-02T09:00:00.000Z';
const subject = { sessionId: 's2', engagementId: 'e1', coacheeId: 'ana', businessUnitId: 'sales' };
const carried = { pointId: 'p0', text: 'from last time', addedBy: 'ana', side: 'coachee' as const, fromSessionId: 's1' };
const scheduled: SessionEvent = { type: 'SessionScheduled', data: { ...subject, coachId: 'mia', kind: 'ad-hoc', scheduledFor: at, carriedOver: [carried], carriedActionItems: [{ actionItemId: 'a0', fromSessionId: 's1' }], at } };
const point: SessionEvent = { type: 'TalkingPointAdded', data: { ...subject, pointId: 'p1', text: 'pipeline', addedBy: 'mia', side: 'coach', fromSessionId: null, at } };
const item: SessionEvent = { type: 'ActionItemAdded', data: { ...subject, actionItemId: 'a1', text: 'draft', ownerId: 'ana', dueOn: '2027-03-09', at } };
const hold = (covered: string[]): SessionCommand => ({ type: 'HoldSession', data: { durationMinutes: 30, coveredPointIds: covered, objectiveProgress: [], heldAt: at, at } });
const held: SessionEvent = { type: 'SessionHeld', data: { ...subject, kind: 'ad-hoc', durationMinutes: 30, coveredPointIds: ['p1'], uncoveredPointIds: ['p0'], objectiveProgress: [], heldAt: at, at } };
const cancelled: SessionEvent = { type: 'SessionCancelled', data: { ...subject, reason: 'ill', at } };
const praise = (behaviour: string, example: string): SessionCommand => ({ type: 'GivePraise', data: { praiseId: 'pr1', behaviour, example, by: 'mia', at } });

describe('ScheduleSession', () => {
  it('opens the agenda with the points carried over', () => given([]).when({ type: 'ScheduleSession', data: { ...scheduled.data } as never }).then([scheduled]));
  it('says nothing when the same session is scheduled again', () => given([scheduled]).when({ type: 'ScheduleSession', data: { ...scheduled.data } as never }).then([]));
});

describe('the shared agenda', () => {
  it('adds a talking point while the session is scheduled', () =>
    given([scheduled]).when({ type: 'AddTalkingPoint', data: { pointId: 'p1', text: 'pipeline', addedBy: 'mia', side: 'coach', at } }).then([point]));
  it('says nothing for a point already on the agenda', () => given([scheduled, point]).when({ type: 'AddTalkingPoint', data: { pointId: 'p1', text: 'again', addedBy: 'mia', side: 'coach', at } }).then([]));
  it('refuses points once the session was held', () =>
    given([scheduled, point, held]).when({ type: 'AddTalkingPoint', data: { pointId: 'p2', text: 'late', addedBy: 'ana', side: 'coachee', at } }).thenThrows(SessionNotOpen));
});

describe('HoldSession and carry-over', () => {
  it('records what was covered and what was not', () => given([scheduled, point]).when(hold(['p1'])).then([held]));
  it('refuses to cover a point that is not on the agenda', () => given([scheduled]).when(hold(['p9'])).thenThrows(UnknownTalkingPoint));
  it('leaves the uncovered points to carry over', () => expect(uncoveredPoints(fold(sessionDecider, [scheduled, point, held]))).toEqual([carried]));
  it('carries every point of a cancelled session', () => expect(uncoveredPoints(fold(sessionDecider, [scheduled, point, cancelled])).map((p) => p.pointId)).toEqual(['p0', 'p1']));
  it('refuses to hold a cancelled session', () => given([scheduled, cancelled]).when(hold([])).thenThrows(SessionCancelledAlready));
});

describe('specific praise', () => {
  it('keeps praise that names the behaviour and an example', () =>
    given([scheduled]).when(praise('Prepared the renewal with fallbacks', 'At the Acme renewal she kept the margin with three concessions')).then([
      { type: 'PraiseGiven', data: { ...subject, praiseId: 'pr1', behaviour: 'Prepared the renewal with fallbacks', example: 'At the Acme renewal she kept the margin with three concessions', by: 'mia', at } },
    ]));
  it('refuses vague praise, naming what is missing', () => {
    given([scheduled]).when(praise('Great job', 'Well done as always, keep it up')).thenThrows(PraiseNotSpecific);
    given([scheduled]).when(praise('Great work on the renewal', 'nice')).thenThrows(PraiseNotSpecific, /example/);
  });
});

describe('the nine questions and action items', () => {
  it('stores the answers given, and refuses an empty set', () => {
    given([scheduled]).when({ type: 'AnswerCoachingQuestions', data: { answers: { progress: 'two renewals' }, by: 'mia', at } }).then([{ type: 'CoachingQuestionsAnswered', data: { ...subject, answers: { progress: 'two renewals' }, by: 'mia', at } }]);
    given([scheduled]).when({ type: 'AnswerCoachingQuestions', data: { answers: { progress: '  ' }, by: 'mia', at } }).thenThrows(EmptyAnswers);
  });
  it('tracks an action item to done, even after the session was held, once', () => {
    given([scheduled, point, item, held]).when({ type: 'CompleteActionItem', data: { actionItemId: 'a1', by: 'ana', at } }).then([{ type: 'ActionItemCompleted', data: { ...subject, actionItemId: 'a1', by: 'ana', at } }]);
    given([scheduled, item, { type: 'ActionItemCompleted', data: { ...subject, actionItemId: 'a1', by: 'ana', at } }]).when({ type: 'CompleteActionItem', data: { actionItemId: 'a1', by: 'ana', at } }).then([]);
  });
  it('refuses to complete an action item the session never agreed', () => given([scheduled]).when({ type: 'CompleteActionItem', data: { actionItemId: 'a0', by: 'ana', at } }).thenThrows(ActionItemNotFound));
});
