import type { Message } from '@tpm/kernel';
import type { CycleStage } from '../appraisal-cycle/appraisal-cycle.events';
import type { ParentGoal } from '../goals/goal.commands';
import type { ScoringMethod } from '../scoring/scoring-method';

/**
 * `cycleStage`: the furthest stage of the appraisal cycles of this period the employee takes part
 * in (null when none); the decider rules on it, the cycle aggregate owns it.
 */
type Scope = { employeeId: string; period: string; cycleStage: CycleStage | null; at: string };

/**
 * `parentGoal` is null for an objective that serves no goal: allowed, and shown as an orphan.
 * `employeeWithinGoalUnit`: whether the employee's unit lies in the parent goal's unit subtree.
 */
export type AssignObjective = Message<
  'AssignObjective',
  Scope & { objectiveId: string; title: string; weight: number; parentGoal: ParentGoal | null; employeeWithinGoalUnit: boolean }
>;
export type DefineIndicator = Message<
  'DefineIndicator',
  Scope & { objectiveId: string; indicatorId: string; name: string; target: number; unit: string; method: ScoringMethod }
>;
export type AdjustObjectiveWeights = Message<'AdjustObjectiveWeights', Scope & { weights: { objectiveId: string; weight: number }[] }>;
export type ReportProgress = Message<
  'ReportProgress',
  Scope & { objectiveId: string; month: string; actual: number; comment: string; reportedBy: string }
>;

export type ScorecardCommand = AssignObjective | DefineIndicator | AdjustObjectiveWeights | ReportProgress;
