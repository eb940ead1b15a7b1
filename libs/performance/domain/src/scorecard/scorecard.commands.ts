import type { Message } from '@tpm/kernel';
import type { ParentGoal } from '../goals/goal.commands';
import type { ScoringMethod } from '../scoring/scoring-method';

type Scope = { employeeId: string; period: string; at: string };

/** `parentGoal` is null for an objective that serves no goal: allowed, and shown as an orphan. */
export type AssignObjective = Message<'AssignObjective', Scope & { objectiveId: string; title: string; weight: number; parentGoal: ParentGoal | null }>;
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
