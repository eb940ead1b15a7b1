import type { Message } from '@tpm/kernel';

export type SetStrategicGoal = Message<'SetStrategicGoal', { goalId: string; period: string; title: string; setBy: string; at: string }>;

/** What the application read of the parent goal's stream: another aggregate's knowledge. */
export interface ParentGoal {
  goalId: string;
  exists: boolean;
  period: string | null;
}

export type CascadeGoal = Message<
  'CascadeGoal',
  { goalId: string; parent: ParentGoal; businessUnitId: string; title: string; at: string }
>;

export type GoalCommand = SetStrategicGoal | CascadeGoal;
