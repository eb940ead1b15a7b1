import type { Message } from '@tpm/kernel';

/** Set by an executive for the whole organization and a period ('2027', '2027-H1'). */
export type StrategicGoalSet = Message<'StrategicGoalSet', { goalId: string; period: string; title: string; setBy: string; at: string }>;
/** A business unit's share of a parent goal; the parent link is what makes alignment a tree. */
export type GoalCascaded = Message<
  'GoalCascaded',
  { goalId: string; parentGoalId: string; businessUnitId: string; period: string; title: string; at: string }
>;

export type GoalEvent = StrategicGoalSet | GoalCascaded;
