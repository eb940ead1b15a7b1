import type { Contract } from '../envelope';

/**
 * Goal cascade and scorecards, owned by the performance context. Reporting projects them
 * (goal attainment, alignment); no other context reacts to them yet.
 */

/** How an indicator's actual value becomes a 0-100 score. */
export type ScoringMethodContract =
  | { kind: 'linear-ratio' }
  | { kind: 'inverse-ratio' }
  | { kind: 'threshold-bands'; bands: { atLeast: number; score: number }[] }
  | { kind: 'milestone' }
  | { kind: 'anchored-scale'; anchors: string[] };

export type StrategicGoalSet = Contract<'performance.StrategicGoalSet', 1, { goalId: string; period: string; title: string; setBy: string; at: string }>;
export type GoalCascaded = Contract<
  'performance.GoalCascaded',
  1,
  { goalId: string; parentGoalId: string; businessUnitId: string; period: string; title: string; at: string }
>;
export type ObjectiveAssigned = Contract<
  'performance.ObjectiveAssigned',
  1,
  { employeeId: string; period: string; objectiveId: string; title: string; weight: number; parentGoalId: string | null; at: string }
>;
export type IndicatorDefined = Contract<
  'performance.IndicatorDefined',
  1,
  { employeeId: string; period: string; objectiveId: string; indicatorId: string; name: string; target: number; unit: string; method: ScoringMethodContract; at: string }
>;
export type ObjectiveWeightsAdjusted = Contract<
  'performance.ObjectiveWeightsAdjusted',
  1,
  { employeeId: string; period: string; weights: { objectiveId: string; weight: number }[]; at: string }
>;
export type ProgressReported = Contract<
  'performance.ProgressReported',
  1,
  { employeeId: string; period: string; objectiveId: string; month: string; actual: number; comment: string; reportedBy: string; at: string }
>;
/** The performance side of training.TrainingCompleted: evidence of the competencies trained. */
export type CompetencyEvidenceRecorded = Contract<
  'performance.CompetencyEvidenceRecorded',
  1,
  { employeeId: string; competencies: string[]; programId: string; programVersion: number; sessionId: string; examScore: number | null; completedAt: string; at: string }
>;

export type PerformanceGoalEvent =
  | StrategicGoalSet
  | GoalCascaded
  | ObjectiveAssigned
  | IndicatorDefined
  | ObjectiveWeightsAdjusted
  | ProgressReported
  | CompetencyEvidenceRecorded;

export const PERFORMANCE_GOAL_EVENT_TYPES: PerformanceGoalEvent['type'][] = [
  'performance.StrategicGoalSet',
  'performance.GoalCascaded',
  'performance.ObjectiveAssigned',
  'performance.IndicatorDefined',
  'performance.ObjectiveWeightsAdjusted',
  'performance.ProgressReported',
  'performance.CompetencyEvidenceRecorded',
];
