import { deciderSpec } from '@tpm/kernel/testing';
import { recommendStyle } from '../style/coaching-style';
import type { EngagementCommand } from './engagement.commands';
import { engagementDecider, styleInForce } from './engagement.decider';
import { CoachIsCoachee, EngagementAlreadyExists, EngagementClosedAlready, EngagementNotActive, EngagementNotPaused, StyleOverrideReasonRequired } from './engagement.errors';
import type { EngagementEvent } from './engagement.events';

const given = deciderSpec(engagementDecider);
const at = '2027-03-01T09:00:00.000Z';
const subject = { engagementId: 'e1', coacheeId: 'ana', businessUnitId: 'sales' };
const terms = { coachId: 'mia', coachKind: 'manager' as const, goals: ['o1'], cycleId: null, cadence: 'weekly' as const };
const start = (changes: Partial<typeof terms> = {}): EngagementCommand => ({ type: 'StartEngagement', data: { ...subject, ...terms, ...changes, at } });
const started: EngagementEvent = { type: 'EngagementStarted', data: { ...subject, ...terms, at } };
const none = { appraisal: null, objectives: [], openDifficulties: { skillGaps: 0, externalObstacles: 0 }, completedTraining: { competencies: [], count: 0 } };
const guidance = recommendStyle(none);
const instruction = recommendStyle({ ...none, openDifficulties: { skillGaps: 1, externalObstacles: 0 } });
const recommend = (recommendation = guidance, trigger: 'appraisal-finalized' | 'difficulty' = 'difficulty'): EngagementCommand => ({ type: 'RecommendStyle', data: { recommendation, trigger, triggerRef: null, at } });
const recommended = (recommendation = guidance): EngagementEvent => ({
  type: 'CoachingStyleRecommended',
  data: { ...subject, recommendation, trigger: 'difficulty', triggerRef: null, changes: [{ field: 'style', from: null, to: recommendation.style }], overrideEnded: false, at },
});
const overridden: EngagementEvent = { type: 'CoachingStyleOverridden', data: { ...subject, style: 'encouragement-and-promotion', recommended: 'directional-guidance', reason: 'knows the job', by: 'mia', at } };
const closed: EngagementEvent = { type: 'EngagementClosed', data: { ...subject, outcome: 'goals-met', at } };

describe('StartEngagement', () => {
  it('starts an engagement', () => given([]).when(start()).then([started]));
  it('says nothing when the same engagement is started again', () => given([started]).when(start()).then([]));
  it('refuses other terms under an existing id', () => given([started]).when(start({ coachId: 'zed' })).thenThrows(EngagementAlreadyExists));
  it('refuses a coach coaching themselves', () => given([]).when(start({ coachId: 'ana' })).thenThrows(CoachIsCoachee));
});

describe('pause, resume, close, move', () => {
  it('pauses an active engagement and resumes a paused one', () => {
    given([started]).when({ type: 'PauseEngagement', data: { at } }).then([{ type: 'EngagementPaused', data: { ...subject, at } }]);
    given([started, { type: 'EngagementPaused', data: { ...subject, at } }]).when({ type: 'ResumeEngagement', data: { at } }).then([{ type: 'EngagementResumed', data: { ...subject, at } }]);
  });
  it('refuses to resume an engagement that is not paused, or to pause a closed one', () => {
    given([started, closed]).when({ type: 'ResumeEngagement', data: { at } }).thenThrows(EngagementNotPaused);
    given([started, closed]).when({ type: 'PauseEngagement', data: { at } }).thenThrows(EngagementNotActive);
  });
  it('closes once with its outcome', () => {
    given([started]).when({ type: 'CloseEngagement', data: { outcome: 'goals-met', at } }).then([closed]);
    given([started, closed]).when({ type: 'CloseEngagement', data: { outcome: 'offboarded', at } }).then([]);
  });
  it('moves the scope to the coachee’s new unit, and not a closed engagement', () => {
    given([started]).when({ type: 'MoveEngagement', data: { toBusinessUnitId: 'ops', at } }).then([{ type: 'EngagementMoved', data: { ...subject, businessUnitId: 'ops', fromBusinessUnitId: 'sales', at } }]);
    given([started, closed]).when({ type: 'MoveEngagement', data: { toBusinessUnitId: 'ops', at } }).then([]);
  });
});

describe('the style', () => {
  it('records a recommendation with what changed', () => given([started]).when(recommend()).then([recommended()]));
  it('says nothing when the evidence gives the same recommendation again', () => given([started, recommended()]).when(recommend()).then([]));
  it('says nothing on a closed engagement', () => given([started, closed]).when(recommend(instruction)).then([]));
  it('refuses an override without a reason', () =>
    given([started]).when({ type: 'OverrideStyle', data: { style: 'specific-instruction', reason: '  ', by: 'mia', at } }).thenThrows(StyleOverrideReasonRequired));
  it('refuses to override the style of a closed engagement', () =>
    given([started, closed]).when({ type: 'OverrideStyle', data: { style: 'specific-instruction', reason: 'x', by: 'mia', at } }).thenThrows(EngagementClosedAlready));
  it('puts the override in force over the recommendation', () =>
    given([started, recommended()]).when({ type: 'OverrideStyle', data: { style: 'encouragement-and-promotion', reason: 'knows the job', by: 'mia', at } }).thenState((s) => expect(styleInForce(s)).toEqual({ style: 'encouragement-and-promotion', source: 'override' })));
  it('ends the override when a new appraisal re-evaluates, and keeps it for other evidence', () => {
    given([started, recommended(), overridden]).when(recommend(instruction, 'appraisal-finalized')).thenState((s) => expect(styleInForce(s)).toEqual({ style: 'specific-instruction', source: 'recommendation' }));
    given([started, recommended(), overridden]).when(recommend(instruction, 'difficulty')).thenState((s) => expect(styleInForce(s)?.source).toBe('override'));
  });
});
