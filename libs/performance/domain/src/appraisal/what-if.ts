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
  if (!changesScores(scenario)) return rebandAppraisal(employeeId, { score: a.score, ratingBand: appraisal.ratingBand }, recordedBands, scenario.bands);
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

/** Whether the scenario changes scores (weights or rules); if not, only the bands move and no objective is needed. */
export const changesScores = (scenario: WhatIfScenario): boolean => scenario.weights !== undefined || scenario.rulesVersion !== undefined;

/**
 * The outcome of a scenario that keeps weights and rules as recorded: the score stays, only the
 * band it earns may move. Needs the score and band alone, so a cycle's what-if reads no objectives.
 */
export const rebandAppraisal = (employeeId: string, recorded: { score: number; ratingBand: string | null }, recordedBands: RatingBand[], bands?: RatingBand[]): WhatIfOutcome => ({
  employeeId,
  before: recorded.score,
  after: recorded.score,
  delta: 0,
  bandBefore: recorded.ratingBand ?? bandFor(recorded.score, recordedBands).name,
  bandAfter: bandFor(recorded.score, bands ?? recordedBands).name,
});
