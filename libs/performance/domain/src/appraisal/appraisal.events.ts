import type { Message } from '@tpm/kernel';
import type { CompetencyRating, Potential, ScoredObjective } from './appraisal-result';

type Ids = { cycleId: string; employeeId: string };

export type SelfAssessmentSubmitted = Message<'SelfAssessmentSubmitted', Ids & { comment: string; ratings: { competency: string; rating: number }[]; at: string }>;
export type AssessmentDelegated = Message<'AssessmentDelegated', Ids & { delegateId: string; delegatedBy: string; at: string }>;
/** Scores carry their provenance (method and rules version); `ratingBand` is provisional until finalized. */
export type ManagerAssessmentSubmitted = Message<
  'ManagerAssessmentSubmitted',
  Ids & {
    businessUnitId: string;
    managerId: string | null;
    assessorId: string;
    objectives: ScoredObjective[];
    competencies: CompetencyRating[];
    potential: Potential;
    comment: string;
    score: number;
    ratingBand: string;
    at: string;
  }
>;
/** The before/after of a committee's adjustment, with its mandatory reason. */
export type RatingCalibrated = Message<
  'RatingCalibrated',
  Ids & { fromBand: string; toBand: string; score: number; reason: string; calibratedBy: string; at: string }
>;
/**
 * Schema v2 (v1 had no `potential`; the store upcasts v1 to `potential: null`, see
 * performance-infrastructure's upcasters). Published as `performance.AppraisalFinalized` v2.
 */
export type AppraisalFinalized = Message<
  'AppraisalFinalized',
  {
    appraisalId: string;
    cycleId: string;
    employeeId: string;
    businessUnitId: string;
    managerId: string | null;
    period: string;
    score: number;
    ratingBand: string;
    ratingBandRank: number;
    competencyGaps: { competency: string; currentLevel: number; requiredLevel: number; gap: number }[];
    indicators: { objectiveId: string; indicatorId: string; score: number }[];
    /** The assessment's potential, for the 9-box grid; null when finalized before v2 recorded it. */
    potential: Potential | null;
    finalizedAt: string;
  }
>;

export type AppraisalEvent = SelfAssessmentSubmitted | AssessmentDelegated | ManagerAssessmentSubmitted | RatingCalibrated | AppraisalFinalized;
