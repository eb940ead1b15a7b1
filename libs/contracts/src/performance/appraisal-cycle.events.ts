import type { Contract } from '../envelope';
import type { ScoringMethodContract } from './goals.events';

/**
 * The appraisal cycle from opening to sign-off, owned by the performance context. The result
 * other contexts act on is `performance.AppraisalFinalized` (appraisal.events.ts); these are the
 * steps before and after it, for reporting (completion by stage, calibration shifts, audit).
 */
export type AppraisalCycleStage = 'planning' | 'execution' | 'review' | 'calibration' | 'feedback' | 'closed';

type Ids = { cycleId: string; employeeId: string };

export type AppraisalCycleOpened = Contract<
  'performance.AppraisalCycleOpened',
  1,
  { cycleId: string; period: string; businessUnitId: string | null; bands: { name: string; from: number }[]; rulesVersion: number; at: string }
>;
export type ParticipantsEnrolled = Contract<
  'performance.ParticipantsEnrolled',
  1,
  { cycleId: string; participants: { employeeId: string; businessUnitId: string }[]; at: string }
>;
export type AppraisalStageAdvanced = Contract<'performance.AppraisalStageAdvanced', 1, { cycleId: string; from: AppraisalCycleStage; to: AppraisalCycleStage; at: string }>;
export type AppraisalCycleClosed = Contract<'performance.AppraisalCycleClosed', 1, { cycleId: string; period: string; at: string }>;
export type SelfAssessmentSubmitted = Contract<
  'performance.SelfAssessmentSubmitted',
  1,
  Ids & { comment: string; ratings: { competency: string; rating: number }[]; at: string }
>;
export type AssessmentDelegated = Contract<'performance.AssessmentDelegated', 1, Ids & { delegateId: string; delegatedBy: string; at: string }>;
export type ManagerAssessmentSubmitted = Contract<
  'performance.ManagerAssessmentSubmitted',
  1,
  Ids & {
    businessUnitId: string;
    managerId: string | null;
    assessorId: string;
    /** Each score with its provenance: the method (in `method.kind`) and `rulesVersion`. */
    objectives: {
      objectiveId: string;
      weight: number;
      indicators: { indicatorId: string; target: number; unit: string; method: ScoringMethodContract; actual: number; score: number; rulesVersion: number }[];
    }[];
    competencies: { competency: string; rating: number; requiredLevel: number }[];
    potential: 'low' | 'medium' | 'high';
    comment: string;
    score: number;
    /** Provisional until finalized. */
    ratingBand: string;
    at: string;
  }
>;
export type RatingCalibrated = Contract<
  'performance.RatingCalibrated',
  1,
  Ids & { fromBand: string; toBand: string; score: number; reason: string; calibratedBy: string; at: string }
>;
/** `reviewerId` is null for anonymous feedback; its envelope actor is `anonymous-reviewer`. */
export type PeerFeedbackSubmitted = Contract<
  'performance.PeerFeedbackSubmitted',
  1,
  Ids & { feedbackId: string; relation: 'peer' | 'upward'; reviewerId: string | null; anonymous: boolean; rating: number; comment: string; at: string }
>;
export type AppraisalAcknowledged = Contract<'performance.AppraisalAcknowledged', 1, Ids & { at: string }>;
export type AppraisalDisputed = Contract<'performance.AppraisalDisputed', 1, Ids & { reason: string; at: string }>;
export type AppraisalDisputeResolved = Contract<
  'performance.AppraisalDisputeResolved',
  1,
  Ids & { resolution: 'upheld' | 'amended'; fromBand: string; toBand: string; note: string; resolvedBy: string; at: string }
>;

export type AppraisalCycleEvent =
  | AppraisalCycleOpened
  | ParticipantsEnrolled
  | AppraisalStageAdvanced
  | AppraisalCycleClosed
  | SelfAssessmentSubmitted
  | AssessmentDelegated
  | ManagerAssessmentSubmitted
  | RatingCalibrated
  | PeerFeedbackSubmitted
  | AppraisalAcknowledged
  | AppraisalDisputed
  | AppraisalDisputeResolved;

export const APPRAISAL_CYCLE_EVENT_TYPES: AppraisalCycleEvent['type'][] = [
  'performance.AppraisalCycleOpened',
  'performance.ParticipantsEnrolled',
  'performance.AppraisalStageAdvanced',
  'performance.AppraisalCycleClosed',
  'performance.SelfAssessmentSubmitted',
  'performance.AssessmentDelegated',
  'performance.ManagerAssessmentSubmitted',
  'performance.RatingCalibrated',
  'performance.PeerFeedbackSubmitted',
  'performance.AppraisalAcknowledged',
  'performance.AppraisalDisputed',
  'performance.AppraisalDisputeResolved',
];
