import { deciderSpec } from '@tpm/kernel/testing';
import { alignmentTree } from './alignment-tree';
import type { GoalCommand, ParentGoal } from './goal.commands';
import { goalDecider } from './goal.decider';
import { CascadeOutsideParentUnit, GoalAlreadySet, GoalCannotBeItsOwnParent, GoalTitleRequired, ParentGoalNotFound } from './goal.errors';
import type { GoalEvent } from './goal.events';

const at = '2027-01-05T00:00:00.000Z';
const given = deciderSpec(goalDecider);
const setGoal = (title = 'Grow revenue 10%'): GoalCommand => ({ type: 'SetStrategicGoal', data: { goalId: 'G1', period: '2027', title, setBy: 'exec-1', at } });
const goalSet = (title = 'Grow revenue 10%'): GoalEvent => ({ type: 'StrategicGoalSet', data: { goalId: 'G1', period: '2027', title, setBy: 'exec-1', at } });
const parent = (changes: Partial<ParentGoal> = {}): ParentGoal => ({ goalId: 'G1', exists: true, period: '2027', businessUnitId: null, ...changes });
const cascade = (p = parent(), title = 'Sales grows 15%', withinParentUnit = true): GoalCommand => ({
  type: 'CascadeGoal',
  data: { goalId: 'G1-SALES', parent: p, businessUnitId: 'sales', withinParentUnit, title, at },
});
/** A unit goal of the commercial division, the parent of the sales goal in the unit tree's terms. */
const divisionGoal = parent({ businessUnitId: 'commercial' });
const cascaded = (title = 'Sales grows 15%'): GoalEvent => ({
  type: 'GoalCascaded',
  data: { goalId: 'G1-SALES', parentGoalId: 'G1', businessUnitId: 'sales', period: '2027', title, at },
});

describe('SetStrategicGoal', () => {
  it('sets an organization goal for a period', () => given([]).when(setGoal()).then([goalSet()]));
  it('says nothing new when the same goal is set again', () => given([goalSet()]).when(setGoal()).then([]));
  it('refuses to set an existing goal with another title', () => given([goalSet()]).when(setGoal('Cut cost')).thenThrows(GoalAlreadySet));
  it('refuses a goal without a title', () => given([]).when(setGoal('  ')).thenThrows(GoalTitleRequired));
});

describe('CascadeGoal', () => {
  it('cascades a goal to a business unit in the parent goal period, keeping the parent link', () => given([]).when(cascade()).then([cascaded()]));
  it('refuses to cascade from a goal that does not exist', () => given([]).when(cascade(parent({ exists: false, period: null }))).thenThrows(ParentGoalNotFound));
  it('refuses a goal cascading from itself', () => given([]).when(cascade(parent({ goalId: 'G1-SALES' }))).thenThrows(GoalCannotBeItsOwnParent));
  it('says nothing new when the same cascade is repeated', () => given([cascaded()]).when(cascade()).then([]));
  it('refuses to cascade into an existing goal with other data', () => given([cascaded()]).when(cascade(parent(), 'Other')).thenThrows(GoalAlreadySet));
  it('cascades a unit goal into a unit of its subtree', () => given([]).when(cascade(divisionGoal)).then([cascaded()]));
  it('refuses to cascade a unit goal into a unit outside its subtree', () =>
    given([]).when(cascade(divisionGoal, 'Sales grows 15%', false)).thenThrows(CascadeOutsideParentUnit));
  it('lets an organization goal cascade into any unit', () => given([]).when(cascade(parent(), 'Sales grows 15%', false)).then([cascaded()]));
  it('remembers the parent and the unit', () =>
    given([]).when(cascade()).thenState((s) => expect(s).toMatchObject({ status: 'set', level: 'business-unit', parentGoalId: 'G1', businessUnitId: 'sales' })));
});

describe('alignmentTree', () => {
  it('hangs cascaded goals under their parents, objectives under their goals, and lists orphans apart', () => {
    const tree = alignmentTree(
      [
        { goalId: 'G1', title: 'Grow', parentGoalId: null, businessUnitId: null },
        { goalId: 'G1-S', title: 'Sales grows', parentGoalId: 'G1', businessUnitId: 'sales' },
      ],
      [
        { objectiveId: 'O1', employeeId: 'ana', title: 'Close deals', parentGoalId: 'G1-S' },
        { objectiveId: 'O2', employeeId: 'ana', title: 'Pet project', parentGoalId: null },
        { objectiveId: 'O3', employeeId: 'ben', title: 'Old goal', parentGoalId: 'G-2026' },
      ],
    );
    expect(tree.roots).toHaveLength(1);
    expect(tree.roots[0].children[0]).toMatchObject({ goalId: 'G1-S', objectives: [{ objectiveId: 'O1' }] });
    expect(tree.orphans.map((o) => o.objectiveId)).toEqual(['O2', 'O3']);
  });
});
