import { assertNever, type Decider } from '@tpm/kernel';
import type { GoalCommand } from './goal.commands';
import { CascadeOutsideParentUnit, GoalAlreadySet, GoalCannotBeItsOwnParent, GoalTitleRequired, ParentGoalNotFound } from './goal.errors';
import type { GoalEvent } from './goal.events';

export type Goal =
  | { status: 'new' }
  | { status: 'set'; goalId: string; level: 'organization' | 'business-unit'; period: string; title: string; parentGoalId: string | null; businessUnitId: string | null };

/** One stream per goal: cascading never contends with the parent, the parent link is data. */
const decide = (cmd: GoalCommand, s: Goal): GoalEvent[] => {
  switch (cmd.type) {
    case 'SetStrategicGoal': {
      const { goalId, period, title } = cmd.data;
      if (!title.trim()) throw new GoalTitleRequired(goalId);
      if (s.status === 'set') {
        // A retried request sets the same goal again: nothing new.
        if (s.level === 'organization' && s.period === period && s.title === title) return [];
        throw new GoalAlreadySet(goalId);
      }
      return [{ type: 'StrategicGoalSet', data: cmd.data }];
    }
    case 'CascadeGoal': {
      const { goalId, parent, businessUnitId, withinParentUnit, title, at } = cmd.data;
      if (!title.trim()) throw new GoalTitleRequired(goalId);
      if (parent.goalId === goalId) throw new GoalCannotBeItsOwnParent(goalId);
      if (!parent.exists || parent.period === null) throw new ParentGoalNotFound(parent.goalId);
      if (s.status === 'set') {
        if (s.parentGoalId === parent.goalId && s.businessUnitId === businessUnitId && s.title === title) return [];
        throw new GoalAlreadySet(goalId);
      }
      // Checked for new cascades only: a retry after the tree was re-parented still says nothing new.
      if (parent.businessUnitId !== null && !withinParentUnit) throw new CascadeOutsideParentUnit(goalId, businessUnitId, parent.goalId, parent.businessUnitId);
      // The cascaded goal serves its parent's period: alignment never crosses periods.
      return [{ type: 'GoalCascaded', data: { goalId, parentGoalId: parent.goalId, businessUnitId, period: parent.period, title, at } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (_: Goal, e: GoalEvent): Goal => {
  switch (e.type) {
    case 'StrategicGoalSet':
      return { status: 'set', goalId: e.data.goalId, level: 'organization', period: e.data.period, title: e.data.title, parentGoalId: null, businessUnitId: null };
    case 'GoalCascaded': {
      const { at: _at, ...goal } = e.data;
      return { status: 'set', level: 'business-unit', ...goal };
    }
    default:
      return assertNever(e);
  }
};

export const goalDecider: Decider<GoalCommand, GoalEvent, Goal> = { decide, evolve, initialState: (): Goal => ({ status: 'new' }) };
