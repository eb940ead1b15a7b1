import { deciderSpec } from '@tpm/kernel/testing';
import { AppraisalCycleClosedError, WrongCycleStage } from '../appraisal-cycle/appraisal-cycle.errors';
import type { CycleStage } from '../appraisal-cycle/appraisal-cycle.events';
import { DEFAULT_RATING_BANDS } from '../scoring/rating-bands';
import { ScoreOutsideScale } from '../scoring/scoring.errors';
import type { CompetencyRating, IndicatorResult, ScorecardSnapshot } from './appraisal-result';
import type { AppraisalCommand, CycleFacts } from './appraisal.commands';
import { appraisalDecider } from './appraisal.decider';
import {
  CalibrationReasonRequired,
  CannotAssessOneself,
  CompetencyRatingOutOfScale,
  IndicatorResultMissing,
  NoFinalizationBeforeCalibration,
  NotTheEmployeesManager,
  NotYetAssessed,
  OnlyTheEmployeeSelfAssesses,
  ScorecardNotReady,
  SelfAssessmentAlreadySubmitted,
  UnknownIndicatorResult,
  UnknownRatingBand,
} from './appraisal.errors';
import type { AppraisalEvent, ManagerAssessmentSubmitted } from './appraisal.events';

const at = '2027-11-01T00:00:00.000Z';
const given = deciderSpec(appraisalDecider);
const cycle = (stage: CycleStage, rulesVersion = 1): CycleFacts => ({ stage, period: '2027', bands: DEFAULT_RATING_BANDS, rulesVersion });
const ids = { cycleId: 'C1', employeeId: 'ana' };

// Sales (weight 60): revenue, linear against 200; Quality (weight 40): defects, inverse against 4, and a milestone.
const card: ScorecardSnapshot = {
  objectives: [
    { objectiveId: 'O-SALES', weight: 60, indicators: [{ indicatorId: 'K-REV', target: 200, unit: 'kEUR', method: { kind: 'linear-ratio' } }] },
    {
      objectiveId: 'O-QUAL',
      weight: 40,
      indicators: [
        { indicatorId: 'K-DEF', target: 4, unit: 'defects', method: { kind: 'inverse-ratio' } },
        { indicatorId: 'K-ISO', target: 1, unit: 'done', method: { kind: 'milestone' } },
      ],
    },
  ],
};
const results: IndicatorResult[] = [
  { indicatorId: 'K-REV', actual: 150 },
  { indicatorId: 'K-DEF', actual: 8 },
  { indicatorId: 'K-ISO', actual: 1 },
];
const competencies: CompetencyRating[] = [
  { competency: 'negotiation', rating: 2, requiredLevel: 4 },
  { competency: 'teamwork', rating: 4, requiredLevel: 3 },
];
const assess = (changes: Partial<Extract<AppraisalCommand, { type: 'SubmitManagerAssessment' }>['data']> = {}): AppraisalCommand => ({
  type: 'SubmitManagerAssessment',
  data: { ...ids, cycle: cycle('review'), at, assessorId: 'ben', managerId: 'ben', businessUnitId: 'sales', scorecard: card, results, competencies, potential: 'high', comment: 'solid year', ...changes },
});
// Revenue 75; quality (50 + 100) / 2 = 75; weighted 0.6 * 75 + 0.4 * 75 = 75 -> meets.
const assessed = (assessorId = 'ben'): ManagerAssessmentSubmitted => ({
  type: 'ManagerAssessmentSubmitted',
  data: {
    ...ids,
    businessUnitId: 'sales',
    managerId: 'ben',
    assessorId,
    objectives: [
      { objectiveId: 'O-SALES', weight: 60, indicators: [{ ...card.objectives[0].indicators[0], actual: 150, score: 75, rulesVersion: 1 }] },
      {
        objectiveId: 'O-QUAL',
        weight: 40,
        indicators: [
          { ...card.objectives[1].indicators[0], actual: 8, score: 50, rulesVersion: 1 },
          { ...card.objectives[1].indicators[1], actual: 1, score: 100, rulesVersion: 1 },
        ],
      },
    ],
    competencies,
    potential: 'high',
    comment: 'solid year',
    score: 75,
    ratingBand: 'meets',
    at,
  },
});
const selfAssess = (submittedBy: string | null = 'ana', comment = 'I did well'): AppraisalCommand => ({
  type: 'SubmitSelfAssessment',
  data: { ...ids, cycle: cycle('review'), at, submittedBy, comment, ratings: [{ competency: 'negotiation', rating: 3 }] },
});
const selfAssessed: AppraisalEvent = { type: 'SelfAssessmentSubmitted', data: { ...ids, comment: 'I did well', ratings: [{ competency: 'negotiation', rating: 3 }], at } };
const delegate = (delegatedBy: string, delegateId = 'carla', byHr = false, stage: CycleStage = 'execution'): AppraisalCommand => ({
  type: 'DelegateAssessment',
  data: { ...ids, cycle: cycle(stage), at, managerId: 'ben', delegatedBy, byHr, delegateId },
});
const delegated: AppraisalEvent = { type: 'AssessmentDelegated', data: { ...ids, delegateId: 'carla', delegatedBy: 'ben', at } };
const calibrate = (toBand: string, reason = 'peer comparison shows stronger impact', stage: CycleStage = 'calibration'): AppraisalCommand => ({
  type: 'CalibrateRating',
  data: { ...ids, cycle: cycle(stage), at, toBand, reason, calibratedBy: 'hr-1' },
});
const calibrated: AppraisalEvent = {
  type: 'RatingCalibrated',
  data: { ...ids, fromBand: 'meets', toBand: 'exceeds', score: 75, reason: 'peer comparison shows stronger impact', calibratedBy: 'hr-1', at },
};
const finalize = (stage: CycleStage = 'feedback'): AppraisalCommand => ({ type: 'FinalizeAppraisal', data: { ...ids, cycle: cycle(stage), at } });
const finalized = (ratingBand = 'meets', ratingBandRank = 3): AppraisalEvent => ({
  type: 'AppraisalFinalized',
  data: {
    appraisalId: 'C1:ana',
    ...ids,
    businessUnitId: 'sales',
    managerId: 'ben',
    period: '2027',
    score: 75,
    ratingBand,
    ratingBandRank,
    competencyGaps: [{ competency: 'negotiation', currentLevel: 2, requiredLevel: 4, gap: 2 }],
    indicators: [
      { objectiveId: 'O-SALES', indicatorId: 'K-REV', score: 75 },
      { objectiveId: 'O-QUAL', indicatorId: 'K-DEF', score: 50 },
      { objectiveId: 'O-QUAL', indicatorId: 'K-ISO', score: 100 },
    ],
    potential: 'high',
    finalizedAt: at,
  },
});

describe('SubmitSelfAssessment', () => {
  it('records the employee own assessment during review', () => given([]).when(selfAssess()).then([selfAssessed]));
  it('refuses a self-assessment by anyone but the employee', () => given([]).when(selfAssess('ben')).thenThrows(OnlyTheEmployeeSelfAssesses));
  it('refuses a self-assessment outside review', () =>
    given([]).when({ ...selfAssess(), data: { ...(selfAssess().data as object), cycle: cycle('execution') } } as AppraisalCommand).thenThrows(WrongCycleStage));
  it('says nothing new when the same self-assessment is sent again', () => given([selfAssessed]).when(selfAssess()).then([]));
  it('refuses a second, different self-assessment', () => given([selfAssessed]).when(selfAssess('ana', 'Changed my mind')).thenThrows(SelfAssessmentAlreadySubmitted));
});

describe('DelegateAssessment', () => {
  it('lets the manager delegate the assessment', () => given([]).when(delegate('ben')).then([delegated]));
  it('lets HR delegate on the manager behalf', () => given([]).when(delegate('hr-1', 'carla', true)).then([{ ...delegated, data: { ...delegated.data, delegatedBy: 'hr-1' } } as AppraisalEvent]));
  it('refuses a delegation by someone who is not the manager', () => given([]).when(delegate('dan')).thenThrows(NotTheEmployeesManager));
  it('refuses to delegate the appraisal to the employee', () => given([]).when(delegate('ben', 'ana')).thenThrows(CannotAssessOneself));
  it('says nothing new for a repeated delegation', () => given([delegated]).when(delegate('ben')).then([]));
  it('refuses delegation after review', () => given([]).when(delegate('ben', 'carla', false, 'calibration')).thenThrows(WrongCycleStage));
});

describe('SubmitManagerAssessment', () => {
  it('scores every indicator with its method, weighs the objectives and gives a provisional band', () => given([]).when(assess()).then([assessed()]));
  it('records each score with the rules version that produced it', () =>
    given([])
      .when(assess({ cycle: cycle('review', 2), results: [{ indicatorId: 'K-REV', actual: 90 }, ...results.slice(1)] }))
      .thenState((s) => expect(s.assessment!.objectives[0].indicators[0]).toMatchObject({ score: 0, rulesVersion: 2, method: { kind: 'linear-ratio' } })));
  it('accepts the assessment of a delegate', () => given([delegated]).when(assess({ assessorId: 'carla' })).then([assessed('carla')]));
  it('refuses an assessor who is neither the manager nor a delegate', () => given([]).when(assess({ assessorId: 'dan' })).thenThrows(NotTheEmployeesManager));
  it('refuses an assessor who is no employee', () => given([]).when(assess({ assessorId: null })).thenThrows(NotTheEmployeesManager));
  it('refuses an employee assessing themselves, even as their own delegate', () => given([]).when(assess({ assessorId: 'ana' })).thenThrows(CannotAssessOneself));
  it('refuses an assessment outside review', () => given([]).when(assess({ cycle: cycle('calibration') })).thenThrows(WrongCycleStage));
  it('refuses anything once the cycle is closed', () => given([]).when(assess({ cycle: cycle('closed') })).thenThrows(AppraisalCycleClosedError));
  it('refuses a scorecard whose weights do not sum to 100', () =>
    given([]).when(assess({ scorecard: { objectives: [{ ...card.objectives[0], weight: 50 }, card.objectives[1]] } })).thenThrows(ScorecardNotReady));
  it('refuses a scorecard with an objective without indicators', () =>
    given([]).when(assess({ scorecard: { objectives: [card.objectives[0], { ...card.objectives[1], indicators: [] }] } })).thenThrows(ScorecardNotReady));
  it('refuses a scorecard without objectives', () => given([]).when(assess({ scorecard: { objectives: [] } })).thenThrows(ScorecardNotReady));
  it('refuses an assessment that leaves an indicator without a result', () => given([]).when(assess({ results: results.slice(0, 2) })).thenThrows(IndicatorResultMissing));
  it('refuses a result for an indicator not on the scorecard', () =>
    given([]).when(assess({ results: [...results, { indicatorId: 'K-X', actual: 1 }] })).thenThrows(UnknownIndicatorResult));
  it('refuses two results for one indicator', () => given([]).when(assess({ results: [...results, results[0]] })).thenThrows(UnknownIndicatorResult));
  it('refuses a score outside the indicator scale', () =>
    given([]).when(assess({ results: [results[0], results[1], { indicatorId: 'K-ISO', actual: 3 }] })).thenThrows(ScoreOutsideScale));
  it('refuses a competency rating outside 1-5', () =>
    given([]).when(assess({ competencies: [{ competency: 'teamwork', rating: 6, requiredLevel: 3 }] })).thenThrows(CompetencyRatingOutOfScale));
  it('lets the manager revise the assessment during review', () =>
    given([assessed()])
      .when(assess({ results: [{ indicatorId: 'K-REV', actual: 200 }, ...results.slice(1)] }))
      .thenState((s) => expect(s.assessment!.score).toBe(90)));
});

describe('CalibrateRating', () => {
  it('moves the rating to another band and keeps the before and after with the reason', () => given([assessed()]).when(calibrate('exceeds')).then([calibrated]));
  it('refuses a calibration without a reason', () => given([assessed()]).when(calibrate('exceeds', '   ')).thenThrows(CalibrationReasonRequired));
  it('refuses a band the cycle does not have', () => given([assessed()]).when(calibrate('superstar')).thenThrows(UnknownRatingBand));
  it('refuses to calibrate an appraisal that was never assessed', () => given([]).when(calibrate('exceeds')).thenThrows(NotYetAssessed));
  it('refuses calibration outside the calibration stage', () => given([assessed()]).when(calibrate('exceeds', 'x', 'review')).thenThrows(WrongCycleStage));
  it('says nothing new when the band is unchanged', () => given([assessed()]).when(calibrate('meets')).then([]));
  it('keeps every calibration in order', () =>
    given([assessed(), calibrated])
      .when(calibrate('below', 'budget'))
      .thenState((s) => expect(s.calibrations.map((c) => [c.fromBand, c.toBand])).toEqual([['meets', 'exceeds'], ['exceeds', 'below']])));
});

describe('FinalizeAppraisal', () => {
  it('publishes the weighted score, the band, the competency gaps and the indicator scores', () => given([assessed()]).when(finalize()).then([finalized()]));
  it('finalizes with the calibrated band', () => given([assessed(), calibrated]).when(finalize()).then([finalized('exceeds', 4)]));
  it('refuses to finalize before calibration is over', () => {
    for (const stage of ['planning', 'execution', 'review', 'calibration'] as CycleStage[]) given([assessed()]).when(finalize(stage)).thenThrows(NoFinalizationBeforeCalibration);
  });
  it('refuses to finalize in a closed cycle', () => given([assessed()]).when(finalize('closed')).thenThrows(AppraisalCycleClosedError));
  it('refuses to finalize an appraisal that was never assessed', () => given([]).when(finalize()).thenThrows(NotYetAssessed));
  it('says nothing new when finalized again', () => given([assessed(), finalized()]).when(finalize()).then([]));
});
