import type { Message } from '@tpm/kernel';
import type { CycleStage } from '../appraisal-cycle/appraisal-cycle.events';
import type { RatingBand } from '../scoring/rating-bands';
import type { CompetencyRating, IndicatorResult, Potential, ScorecardSnapshot } from './appraisal-result';

/** What the application read of the cycle: its stage gates every appraisal command. */
export interface CycleFacts {
  stage: CycleStage;
  period: string;
  bands: RatingBand[];
  rulesVersion: number;
}
type Base = { cycleId: string; employeeId: string; cycle: CycleFacts; at: string };

/** `submittedBy` is the employee id of the person acting (null when they are no employee). */
export type SubmitSelfAssessment = Message<'SubmitSelfAssessment', Base & { submittedBy: string | null; comment: string; ratings: { competency: string; rating: number }[] }>;
/** `managerId` is read from the employee aggregate; HR may delegate on the manager's behalf. */
export type DelegateAssessment = Message<'DelegateAssessment', Base & { managerId: string | null; delegatedBy: string; byHr: boolean; delegateId: string }>;
export type SubmitManagerAssessment = Message<
  'SubmitManagerAssessment',
  Base & {
    assessorId: string | null;
    managerId: string | null;
    businessUnitId: string;
    scorecard: ScorecardSnapshot;
    results: IndicatorResult[];
    competencies: CompetencyRating[];
    potential: Potential;
    comment: string;
  }
>;
export type CalibrateRating = Message<'CalibrateRating', Base & { toBand: string; reason: string; calibratedBy: string }>;
export type FinalizeAppraisal = Message<'FinalizeAppraisal', Base>;

export type AppraisalCommand = SubmitSelfAssessment | DelegateAssessment | SubmitManagerAssessment | CalibrateRating | FinalizeAppraisal;
