import type { Message } from '@tpm/kernel';
import type { ScoringMethod } from '../scoring/scoring-method';

export type ObjectiveAssigned = Message<
  'ObjectiveAssigned',
  { employeeId: string; period: string; objectiveId: string; title: string; weight: number; parentGoalId: string | null; at: string }
>;
export type IndicatorDefined = Message<
  'IndicatorDefined',
  { employeeId: string; period: string; objectiveId: string; indicatorId: string; name: string; target: number; unit: string; method: ScoringMethod; at: string }
>;
export type ObjectiveWeightsAdjusted = Message<
  'ObjectiveWeightsAdjusted',
  { employeeId: string; period: string; weights: { objectiveId: string; weight: number }[]; at: string }
>;
/** Monthly: `month` is 'YYYY-MM'. A later report for the same month supersedes the earlier one. */
export type ProgressReported = Message<
  'ProgressReported',
  { employeeId: string; period: string; objectiveId: string; month: string; actual: number; comment: string; reportedBy: string; at: string }
>;

export type ScorecardEvent = ObjectiveAssigned | IndicatorDefined | ObjectiveWeightsAdjusted | ProgressReported;
