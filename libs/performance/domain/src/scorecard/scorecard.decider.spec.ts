import { deciderSpec } from '@tpm/kernel/testing';
import type { CycleStage } from '../appraisal-cycle/appraisal-cycle.events';
import type { ParentGoal } from '../goals/goal.commands';
import { ParentGoalNotFound } from '../goals/goal.errors';
import type { ScoringMethod } from '../scoring/scoring-method';
import { ScoringMethodInvalid } from '../scoring/scoring.errors';
import type { ScorecardCommand } from './scorecard.commands';
import { scorecardDecider } from './scorecard.decider';
import {
  GoalOfAnotherPeriod,
  IndicatorAlreadyDefined,
  ObjectiveAlreadyAssigned,
  ObjectiveNotFound,
  ObjectiveOutsideGoalUnit,
  ObjectiveTitleRequired,
  ObjectiveWeightOutOfRange,
  ProgressOutsidePeriod,
  ScorecardFrozen,
  WeightsExceed100,
  WeightsMustCoverEveryObjective,
  WeightsMustSumTo100,
} from './scorecard.errors';
import type { ScorecardEvent } from './scorecard.events';

const at = '2027-01-10T00:00:00.000Z';
const scope = { employeeId: 'ana', period: '2027', at };
/** What commands carry besides the scope: no cycle under way, the employee inside the goal's unit. */
const facts = { cycleStage: null, employeeWithinGoalUnit: true };
const given = deciderSpec(scorecardDecider);
const goal = (changes: Partial<ParentGoal> = {}): ParentGoal => ({ goalId: 'G1-S', exists: true, period: '2027', businessUnitId: 'sales', ...changes });
/** The same command while the employee's appraisal cycle is in `stage`. */
const during = (cycleStage: CycleStage, cmd: ScorecardCommand) => ({ ...cmd, data: { ...cmd.data, cycleStage } }) as ScorecardCommand;
const outsideGoalUnit = (cmd: ScorecardCommand) => ({ ...cmd, data: { ...cmd.data, employeeWithinGoalUnit: false } }) as ScorecardCommand;
const assign = (objectiveId: string, weight: number, parentGoal: ParentGoal | null = goal(), title = `Objective ${objectiveId}`): ScorecardCommand => ({
  type: 'AssignObjective',
  data: { ...scope, ...facts, objectiveId, title, weight, parentGoal },
});
const assigned = (objectiveId: string, weight: number, parentGoalId: string | null = 'G1-S'): ScorecardEvent => ({
  type: 'ObjectiveAssigned',
  data: { ...scope, objectiveId, title: `Objective ${objectiveId}`, weight, parentGoalId },
});
const linear: ScoringMethod = { kind: 'linear-ratio' };
const define = (indicatorId: string, objectiveId = 'O1', target = 100, method: ScoringMethod = linear): ScorecardCommand => ({
  type: 'DefineIndicator',
  data: { ...scope, cycleStage: null, objectiveId, indicatorId, name: 'Revenue', target, unit: 'kEUR', method },
});
const defined = (indicatorId: string, objectiveId = 'O1'): ScorecardEvent => ({
  type: 'IndicatorDefined',
  data: { ...scope, objectiveId, indicatorId, name: 'Revenue', target: 100, unit: 'kEUR', method: linear },
});
const adjust = (weights: [string, number][]): ScorecardCommand => ({
  type: 'AdjustObjectiveWeights',
  data: { ...scope, cycleStage: null, weights: weights.map(([objectiveId, weight]) => ({ objectiveId, weight })) },
});
const report = (month: string, actual: number, comment = 'on track'): ScorecardCommand => ({
  type: 'ReportProgress',
  data: { ...scope, cycleStage: null, objectiveId: 'O1', month, actual, comment, reportedBy: 'ana' },
});

describe('AssignObjective', () => {
  it('assigns an objective with its weight and its parent goal link', () => given([]).when(assign('O1', 60)).then([assigned('O1', 60)]));
  it('assigns an objective that serves no goal, to be shown as an orphan', () => given([]).when(assign('O1', 60, null)).then([assigned('O1', 60, null)]));
  it('refuses weights that would sum above 100', () => given([assigned('O1', 60)]).when(assign('O2', 50)).thenThrows(WeightsExceed100));
  it('accepts weights that reach exactly 100', () => given([assigned('O1', 60)]).when(assign('O2', 40)).then([assigned('O2', 40)]));
  it('refuses a weight of 0 or above 100', () => {
    given([]).when(assign('O1', 0)).thenThrows(ObjectiveWeightOutOfRange);
    given([]).when(assign('O1', 101)).thenThrows(ObjectiveWeightOutOfRange);
  });
  it('refuses an objective without a title', () => given([]).when(assign('O1', 10, goal(), ' ')).thenThrows(ObjectiveTitleRequired));
  it('refuses a parent goal that does not exist', () => given([]).when(assign('O1', 10, goal({ exists: false, period: null }))).thenThrows(ParentGoalNotFound));
  it('refuses a parent goal of another period', () => given([]).when(assign('O1', 10, goal({ period: '2026' }))).thenThrows(GoalOfAnotherPeriod));
  it('says nothing new when the same objective is assigned again', () => given([assigned('O1', 60)]).when(assign('O1', 60)).then([]));
  it('refuses to assign an existing objective with other data', () => given([assigned('O1', 60)]).when(assign('O1', 30)).thenThrows(ObjectiveAlreadyAssigned));
  it('refuses an objective under a unit goal for an employee outside that unit subtree', () =>
    given([]).when(outsideGoalUnit(assign('O1', 60))).thenThrows(ObjectiveOutsideGoalUnit));
  it('lets an organization goal be served by any employee', () =>
    given([]).when(outsideGoalUnit(assign('O1', 60, goal({ goalId: 'G1', businessUnitId: null })))).then([assigned('O1', 60, 'G1')]));
  it('assigns objectives while the cycle plans and executes', () => {
    given([]).when(during('planning', assign('O1', 60))).then([assigned('O1', 60)]);
    given([]).when(during('execution', assign('O1', 60))).then([assigned('O1', 60)]);
  });
  it('refuses a new objective once the cycle has reached review, and in every later stage', () => {
    for (const stage of ['review', 'calibration', 'feedback', 'closed'] as const) given([]).when(during(stage, assign('O1', 60))).thenThrows(ScorecardFrozen);
  });
});

describe('DefineIndicator', () => {
  it('defines an indicator with target, unit and scoring method', () => given([assigned('O1', 100)]).when(define('K1')).then([defined('K1')]));
  it('refuses an indicator for an objective not on the scorecard', () => given([]).when(define('K1')).thenThrows(ObjectiveNotFound));
  it('refuses a scoring method that cannot score, such as a linear ratio against 0', () =>
    given([assigned('O1', 100)]).when(define('K1', 'O1', 0)).thenThrows(ScoringMethodInvalid));
  it('says nothing new when the same indicator is defined again', () => given([assigned('O1', 100), defined('K1')]).when(define('K1')).then([]));
  it('refuses to redefine an indicator differently', () =>
    given([assigned('O1', 100), defined('K1')]).when(define('K1', 'O1', 200)).thenThrows(IndicatorAlreadyDefined));
  it('defines an indicator during execution', () => given([assigned('O1', 100)]).when(during('execution', define('K1'))).then([defined('K1')]));
  it('refuses a new indicator once the cycle is in review', () => given([assigned('O1', 100)]).when(during('review', define('K1'))).thenThrows(ScorecardFrozen));
});

describe('AdjustObjectiveWeights', () => {
  const two = [assigned('O1', 60), assigned('O2', 40)];
  it('adjusts the weights when they sum to 100', () =>
    given(two).when(adjust([['O1', 30], ['O2', 70]])).then([{ type: 'ObjectiveWeightsAdjusted', data: { ...scope, weights: [{ objectiveId: 'O1', weight: 30 }, { objectiveId: 'O2', weight: 70 }] } }]));
  it('refuses weights that do not sum to 100', () => given(two).when(adjust([['O1', 30], ['O2', 60]])).thenThrows(WeightsMustSumTo100));
  it('refuses an adjustment that leaves out an objective', () => given(two).when(adjust([['O1', 100]])).thenThrows(WeightsMustCoverEveryObjective));
  it('refuses an adjustment naming an unknown objective', () =>
    given(two).when(adjust([['O1', 30], ['O2', 60], ['O9', 10]])).thenThrows(WeightsMustCoverEveryObjective));
  it('refuses a zero weight even when the sum is 100', () => given(two).when(adjust([['O1', 0], ['O2', 100]])).thenThrows(ObjectiveWeightOutOfRange));
  it('says nothing new when the weights are unchanged', () => given(two).when(adjust([['O1', 60], ['O2', 40]])).then([]));
  it('keeps the adjusted weights', () =>
    given(two)
      .when(adjust([['O1', 30], ['O2', 70]]))
      .thenState((s) => expect(s.objectives.map((o) => o.weight)).toEqual([30, 70])));
  it('adjusts the weights during execution', () =>
    given(two).when(during('execution', adjust([['O1', 30], ['O2', 70]]))).thenState((s) => expect(s.objectives.map((o) => o.weight)).toEqual([30, 70])));
  it('refuses to reweigh once the cycle is in review or later', () => {
    given(two).when(during('review', adjust([['O1', 30], ['O2', 70]]))).thenThrows(ScorecardFrozen);
    given(two).when(during('calibration', adjust([['O1', 30], ['O2', 70]]))).thenThrows(ScorecardFrozen);
  });
});

describe('ReportProgress', () => {
  const card = [assigned('O1', 100)];
  it('records the month, the actual value and the comment', () =>
    given(card).when(report('2027-03', 42)).then([{ type: 'ProgressReported', data: { ...scope, objectiveId: 'O1', month: '2027-03', actual: 42, comment: 'on track', reportedBy: 'ana' } }]));
  it('refuses progress for an objective not on the scorecard', () => given([]).when(report('2027-03', 42)).thenThrows(ObjectiveNotFound));
  it('refuses a month outside the period', () => given(card).when(report('2026-12', 42)).thenThrows(ProgressOutsidePeriod));
  it('says nothing new when the same report is sent again', () =>
    given([...card, { type: 'ProgressReported', data: { ...scope, objectiveId: 'O1', month: '2027-03', actual: 42, comment: 'on track', reportedBy: 'ana' } }])
      .when(report('2027-03', 42))
      .then([]));
  it('keeps the latest report of a month', () =>
    given([...card, { type: 'ProgressReported', data: { ...scope, objectiveId: 'O1', month: '2027-03', actual: 10, comment: 'slow', reportedBy: 'ana' } }])
      .when(report('2027-03', 42))
      .thenState((s) => expect(s.objectives[0].progress['2027-03'].actual).toBe(42)));
  it('keeps recording progress through review and feedback, the scorecard being frozen only for its shape', () => {
    const reported = { type: 'ProgressReported', data: { ...scope, objectiveId: 'O1', month: '2027-03', actual: 42, comment: 'on track', reportedBy: 'ana' } } as const;
    for (const stage of ['review', 'calibration', 'feedback'] as const) given(card).when(during(stage, report('2027-03', 42))).then([reported]);
  });
  it('refuses progress once the cycle is closed', () => given(card).when(during('closed', report('2027-03', 42))).thenThrows(ScorecardFrozen));
});
