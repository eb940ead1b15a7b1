import type * as Contracts from '@tpm/contracts';
import type * as Domain from '@tpm/performance-domain';

/**
 * The relay publishes stored events as they are: each stored payload must be exactly its
 * contract's. These assignments fail to compile the day one side drifts from the other.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same = <A, B>(proof: Same<A, B>) => proof;

describe('stored performance events match their published contracts', () => {
  it('holds for every goal, scorecard and appraisal event', () => {
    const proofs: true[] = [
      same<Domain.AppraisalFinalized['data'], Contracts.AppraisalFinalized['data']>(true),
      same<Domain.StrategicGoalSet['data'], Contracts.StrategicGoalSet['data']>(true),
      same<Domain.GoalCascaded['data'], Contracts.GoalCascaded['data']>(true),
      same<Domain.ObjectiveAssigned['data'], Contracts.ObjectiveAssigned['data']>(true),
      same<Domain.IndicatorDefined['data'], Contracts.IndicatorDefined['data']>(true),
      same<Domain.ObjectiveWeightsAdjusted['data'], Contracts.ObjectiveWeightsAdjusted['data']>(true),
      same<Domain.ProgressReported['data'], Contracts.ProgressReported['data']>(true),
      same<Domain.CompetencyEvidenceRecorded['data'], Contracts.CompetencyEvidenceRecorded['data']>(true),
      same<Domain.AppraisalCycleOpened['data'], Contracts.AppraisalCycleOpened['data']>(true),
      same<Domain.ParticipantsEnrolled['data'], Contracts.ParticipantsEnrolled['data']>(true),
      same<Domain.AppraisalStageAdvanced['data'], Contracts.AppraisalStageAdvanced['data']>(true),
      same<Domain.AppraisalCycleClosed['data'], Contracts.AppraisalCycleClosed['data']>(true),
      same<Domain.SelfAssessmentSubmitted['data'], Contracts.SelfAssessmentSubmitted['data']>(true),
      same<Domain.AssessmentDelegated['data'], Contracts.AssessmentDelegated['data']>(true),
      same<Domain.ManagerAssessmentSubmitted['data'], Contracts.ManagerAssessmentSubmitted['data']>(true),
      same<Domain.RatingCalibrated['data'], Contracts.RatingCalibrated['data']>(true),
      same<Domain.PeerFeedbackSubmitted['data'], Contracts.PeerFeedbackSubmitted['data']>(true),
      same<Domain.AppraisalAcknowledged['data'], Contracts.AppraisalAcknowledged['data']>(true),
      same<Domain.AppraisalDisputed['data'], Contracts.AppraisalDisputed['data']>(true),
      same<Domain.AppraisalDisputeResolved['data'], Contracts.AppraisalDisputeResolved['data']>(true),
    ];
    expect(proofs.every(Boolean)).toBe(true);
  });
});
