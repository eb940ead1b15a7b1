import { bandFor, type RatingBand } from '../scoring/rating-bands';
import { scoreIndicator } from '../scoring/score-indicator';
import { weightedScore, type ScoredObjective } from './appraisal-result';

/** The alternative to replay under; whatever is left out stays as recorded. */
export interface WhatIfScenario {
  /** Objective id -> weight; the employee's weights are renormalized to 100 afterwards. */
  weights?: Record<string, number>;
  bands?: RatingBand[];
  rulesVersion?: number;
}

/** What rescoring reads of an appraisal (an `Appraisal` is one): the assessed objectives, the score, the current band. */
export interface RecordedAssessment {
  assessment: { objectives: ScoredObjective[]; score: number } | null;
  ratingBand: string | null;
}

export interface WhatIfOutcome {
  employeeId: string;
  before: number;
  after: number;
  delta: number;
  bandBefore: string;
  bandAfter: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Re-scores one recorded appraisal from the actual values its manager assessed. Pure: the caller
 * folds the recorded events, this writes nothing. `bandBefore` is the band the appraisal ended
 * with (calibration included); `bandAfter` is the band the new score earns, before any committee.
 */
export const rescoreAppraisal = (employeeId: string, appraisal: RecordedAssessment, recordedBands: RatingBand[], scenario: WhatIfScenario): WhatIfOutcome | null => {
  const a = appraisal.assessment;
  if (!a) return null;
  const reweighted = a.objectives.map((o) => ({ ...o, weight: scenario.weights?.[o.objectiveId] ?? o.weight }));
  const total = reweighted.reduce((n, o) => n + o.weight, 0);
  const objectives = reweighted.map((o) => ({
    weight: total > 0 ? (o.weight * 100) / total : 0,
    indicators: o.indicators.map((i) => ({ score: scoreIndicator(i.method, i.target, i.actual, scenario.rulesVersion ?? i.rulesVersion).score })),
  }));
  const after = weightedScore(objectives);
  return {
    employeeId,
    before: a.score,
    after,
    delta: round2(after - a.score),
    bandBefore: appraisal.ratingBand ?? bandFor(a.score, recordedBands).name,
    bandAfter: bandFor(after, scenario.bands ?? recordedBands).name,
  };
};
