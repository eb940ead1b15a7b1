import { assertNever, type Decider } from '@tpm/kernel';
import { requireStage } from '../appraisal-cycle/appraisal-cycle.decider';
import { AppraisalCycleClosedError } from '../appraisal-cycle/appraisal-cycle.errors';
import { bandFor, rankOf } from '../scoring/rating-bands';
import type { AppraisalCommand } from './appraisal.commands';
import {
  CalibrationReasonRequired,
  CannotAssessOneself,
  NoFinalizationBeforeCalibration,
  NotTheEmployeesManager,
  NotYetAssessed,
  OnlyTheEmployeeSelfAssesses,
  SelfAssessmentAlreadySubmitted,
  UnknownRatingBand,
} from './appraisal.errors';
import type { AppraisalEvent, AppraisalFinalized, ManagerAssessmentSubmitted, RatingCalibrated, SelfAssessmentSubmitted } from './appraisal.events';
import { assertCompetencyRatings, assertScorecardReady, competencyGaps, scoreScorecard, weightedScore } from './appraisal-result';

/** One employee's appraisal in one cycle. `ratingBand` is the current one: provisional, calibrated, then final. */
export interface Appraisal {
  selfAssessment: SelfAssessmentSubmitted['data'] | null;
  delegates: string[];
  assessment: ManagerAssessmentSubmitted['data'] | null;
  ratingBand: string | null;
  calibrations: RatingCalibrated['data'][];
  finalized: AppraisalFinalized['data'] | null;
}

export const appraisalIdOf = (cycleId: string, employeeId: string) => `${cycleId}:${employeeId}`;

const decide = (cmd: AppraisalCommand, s: Appraisal): AppraisalEvent[] => {
  const { cycleId, employeeId, cycle, at } = cmd.data;
  switch (cmd.type) {
    case 'SubmitSelfAssessment': {
      requireStage(cycleId, cycle.stage, 'Self-assessment', ['review']);
      if (cmd.data.submittedBy !== employeeId) throw new OnlyTheEmployeeSelfAssesses(employeeId, cmd.data.submittedBy);
      const { comment, ratings } = cmd.data;
      if (s.selfAssessment) {
        if (s.selfAssessment.comment === comment && JSON.stringify(s.selfAssessment.ratings) === JSON.stringify(ratings)) return [];
        throw new SelfAssessmentAlreadySubmitted(employeeId);
      }
      return [{ type: 'SelfAssessmentSubmitted', data: { cycleId, employeeId, comment, ratings, at } }];
    }
    case 'DelegateAssessment': {
      requireStage(cycleId, cycle.stage, 'Delegating the assessment', ['planning', 'execution', 'review']);
      const { delegateId, delegatedBy, managerId, byHr } = cmd.data;
      if (!byHr && delegatedBy !== managerId) throw new NotTheEmployeesManager(employeeId, delegatedBy);
      if (delegateId === employeeId) throw new CannotAssessOneself(employeeId);
      if (s.delegates.includes(delegateId)) return [];
      return [{ type: 'AssessmentDelegated', data: { cycleId, employeeId, delegateId, delegatedBy, at } }];
    }
    case 'SubmitManagerAssessment': {
      requireStage(cycleId, cycle.stage, 'Manager assessment', ['review']);
      const d = cmd.data;
      if (d.assessorId === employeeId) throw new CannotAssessOneself(employeeId);
      if (d.assessorId === null || (d.assessorId !== d.managerId && !s.delegates.includes(d.assessorId))) throw new NotTheEmployeesManager(employeeId, d.assessorId);
      assertScorecardReady(d.scorecard);
      assertCompetencyRatings(d.competencies);
      // The manager may revise during review: the latest assessment is the one that counts.
      const objectives = scoreScorecard(d.scorecard, d.results, cycle.rulesVersion);
      const score = weightedScore(objectives);
      const { businessUnitId, managerId, competencies, potential, comment } = d;
      return [
        {
          type: 'ManagerAssessmentSubmitted',
          data: { cycleId, employeeId, businessUnitId, managerId, assessorId: d.assessorId, objectives, competencies, potential, comment, score, ratingBand: bandFor(score, cycle.bands).name, at },
        },
      ];
    }
    case 'CalibrateRating': {
      requireStage(cycleId, cycle.stage, 'Calibration', ['calibration']);
      const { toBand, reason, calibratedBy } = cmd.data;
      if (!s.assessment || !s.ratingBand) throw new NotYetAssessed(employeeId);
      if (!reason.trim()) throw new CalibrationReasonRequired(employeeId);
      if (!rankOf(toBand, cycle.bands)) throw new UnknownRatingBand(toBand, cycle.bands.map((b) => b.name));
      if (toBand === s.ratingBand) return [];
      return [{ type: 'RatingCalibrated', data: { cycleId, employeeId, fromBand: s.ratingBand, toBand, score: s.assessment.score, reason, calibratedBy, at } }];
    }
    case 'FinalizeAppraisal': {
      if (cycle.stage === 'closed') throw new AppraisalCycleClosedError(cycleId);
      if (cycle.stage !== 'feedback') throw new NoFinalizationBeforeCalibration(cycle.stage);
      // A retried batch finalization reaches appraisals it already finalized: nothing new.
      if (s.finalized) return [];
      const a = s.assessment;
      if (!a || !s.ratingBand) throw new NotYetAssessed(employeeId);
      return [
        {
          type: 'AppraisalFinalized',
          data: {
            appraisalId: appraisalIdOf(cycleId, employeeId),
            cycleId,
            employeeId,
            businessUnitId: a.businessUnitId,
            managerId: a.managerId,
            period: cycle.period,
            score: a.score,
            ratingBand: s.ratingBand,
            ratingBandRank: rankOf(s.ratingBand, cycle.bands),
            competencyGaps: competencyGaps(a.competencies),
            indicators: a.objectives.flatMap((o) => o.indicators.map((i) => ({ objectiveId: o.objectiveId, indicatorId: i.indicatorId, score: i.score }))),
            potential: a.potential,
            finalizedAt: at,
          },
        },
      ];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: Appraisal, e: AppraisalEvent): Appraisal => {
  switch (e.type) {
    case 'SelfAssessmentSubmitted':
      return { ...s, selfAssessment: e.data };
    case 'AssessmentDelegated':
      return { ...s, delegates: [...s.delegates, e.data.delegateId] };
    case 'ManagerAssessmentSubmitted':
      return { ...s, assessment: e.data, ratingBand: e.data.ratingBand };
    case 'RatingCalibrated':
      return { ...s, ratingBand: e.data.toBand, calibrations: [...s.calibrations, e.data] };
    case 'AppraisalFinalized':
      return { ...s, finalized: e.data, ratingBand: e.data.ratingBand };
    default:
      return assertNever(e);
  }
};

export const appraisalDecider: Decider<AppraisalCommand, AppraisalEvent, Appraisal> = {
  decide,
  evolve,
  initialState: (): Appraisal => ({ selfAssessment: null, delegates: [], assessment: null, ratingBand: null, calibrations: [], finalized: null }),
};
