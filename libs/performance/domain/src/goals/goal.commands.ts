import type { Message } from '@tpm/kernel';

export type SetStrategicGoal = Message<'SetStrategicGoal', { goalId: string; period: string; title: string; setBy: string; at: string }>;

/** What the application read of the parent goal's stream: another aggregate's knowledge. */
export interface ParentGoal {
  goalId: string;
  exists: boolean;
  period: string | null;
  /** null: an organization goal, whose scope is the whole tree. */
  businessUnitId: string | null;
}

/** `withinParentUnit`: the org tree's answer to "does `businessUnitId` lie in the parent goal's unit subtree?". */
export type CascadeGoal = Message<
  'CascadeGoal',
  { goalId: string; parent: ParentGoal; businessUnitId: string; withinParentUnit: boolean; title: string; at: string }
>;

export type GoalCommand = SetStrategicGoal | CascadeGoal;
