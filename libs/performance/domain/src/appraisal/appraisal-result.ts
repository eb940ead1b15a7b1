import { bandFor, type RatingBand } from '../scoring/rating-bands';
import { scoreIndicator } from '../scoring/score-indicator';
import type { ScoringMethod } from '../scoring/scoring-method';
import { CompetencyRatingOutOfScale, IndicatorResultMissing, ScorecardNotReady, UnknownIndicatorResult } from './appraisal.errors';

/** The scorecard as the manager assessed it: a snapshot, so later edits never change a past appraisal. */
export interface ScorecardSnapshot {
  objectives: { objectiveId: string; weight: number; indicators: { indicatorId: string; target: number; unit: string; method: ScoringMethod }[] }[];
}
export interface IndicatorResult {
  indicatorId: string;
  actual: number;
}
/** An indicator's score with its provenance: the method (inside `method`) and the rules version. */
export interface ScoredIndicator {
  indicatorId: string;
  target: number;
  unit: string;
  method: ScoringMethod;
  actual: number;
  score: number;
  rulesVersion: number;
}
export interface ScoredObjective {
  objectiveId: string;
  weight: number;
  indicators: ScoredIndicator[];
}
export interface CompetencyRating {
  competency: string;
  rating: number;
  requiredLevel: number;
}
export type Potential = 'low' | 'medium' | 'high';

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Refuses a scorecard that cannot be appraised: no objectives, weights not 100, an objective without indicators. */
export const assertScorecardReady = (card: ScorecardSnapshot): void => {
  if (card.objectives.length === 0) throw new ScorecardNotReady('it has no objectives');
  const total = round2(card.objectives.reduce((n, o) => n + o.weight, 0));
  if (total !== 100) throw new ScorecardNotReady(`its weights sum to ${total}, not 100`);
  const bare = card.objectives.find((o) => o.indicators.length === 0);
  if (bare) throw new ScorecardNotReady(`objective ${bare.objectiveId} has no indicator`);
};

/** Scores every indicator of the snapshot from the results; each indicator needs exactly one result. */
export const scoreScorecard = (card: ScorecardSnapshot, results: IndicatorResult[], rulesVersion: number): ScoredObjective[] => {
  const known = new Set(card.objectives.flatMap((o) => o.indicators.map((i) => i.indicatorId)));
  const stray = results.find((r, i) => !known.has(r.indicatorId) || results.findIndex((x) => x.indicatorId === r.indicatorId) !== i);
  if (stray) throw new UnknownIndicatorResult(stray.indicatorId);
  return card.objectives.map((o) => ({
    objectiveId: o.objectiveId,
    weight: o.weight,
    indicators: o.indicators.map((i) => {
      const result = results.find((r) => r.indicatorId === i.indicatorId);
      if (!result) throw new IndicatorResultMissing(i.indicatorId);
      const { score } = scoreIndicator(i.method, i.target, result.actual, rulesVersion);
      return { ...i, actual: result.actual, score, rulesVersion };
    }),
  }));
};

/** Weighted score 0-100: each objective scores the mean of its indicators, weighted by the objective. */
export const weightedScore = (objectives: { weight: number; indicators: { score: number }[] }[]): number =>
  round2(objectives.reduce((sum, o) => sum + (o.weight * o.indicators.reduce((n, i) => n + i.score, 0)) / o.indicators.length / 100, 0));

export const assertCompetencyRatings = (ratings: CompetencyRating[]): void => {
  for (const r of ratings) {
    for (const level of [r.rating, r.requiredLevel]) if (!Number.isInteger(level) || level < 1 || level > 5) throw new CompetencyRatingOutOfScale(r.competency, level);
  }
};

/** The competencies rated below the level the position requires: what training turns into needs. */
export const competencyGaps = (ratings: CompetencyRating[]) =>
  ratings
    .filter((r) => r.rating < r.requiredLevel)
    .map((r) => ({ competency: r.competency, currentLevel: r.rating, requiredLevel: r.requiredLevel, gap: r.requiredLevel - r.rating }));

/** 9-box placement: performance from the band rank (lowest third, middle, top), potential as rated. */
export const nineBox = (bandRank: number, bandCount: number, potential: Potential) => {
  const third = bandRank / bandCount;
  const performance: Potential = third <= 1 / 3 ? 'low' : third <= 2 / 3 ? 'medium' : 'high';
  return { performance, potential };
};

export const provisionalBand = (score: number, bands: RatingBand[]) => bandFor(score, bands).name;
