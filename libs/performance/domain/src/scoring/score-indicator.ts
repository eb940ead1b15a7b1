import type { ScoringMethod, ScoringMethodKind } from './scoring-method';
import { ScoreOutsideScale, UnknownScoringRulesVersion } from './scoring.errors';

/**
 * The scoring rules, versioned: a score is never recomputed silently under other rules.
 * - v1: ratios capped at 100; anchored levels 1-5 map to 0, 25, 50, 75, 100.
 * - v2: ratios earn nothing under half the target; anchored levels map to 20, 40, 60, 80, 100.
 * Bands and milestones score the same in both.
 */
export const SCORING_RULES_VERSIONS = [1, 2] as const;
export type ScoringRulesVersion = (typeof SCORING_RULES_VERSIONS)[number];
export const CURRENT_SCORING_RULES: ScoringRulesVersion = 1;

/** A score with its provenance: which method and which rules version produced it. */
export interface IndicatorScore {
  score: number;
  method: ScoringMethodKind;
  rulesVersion: number;
}

export const isRulesVersion = (v: number): v is ScoringRulesVersion => (SCORING_RULES_VERSIONS as readonly number[]).includes(v);

const round2 = (n: number) => Math.round(n * 100) / 100;
const capped = (n: number) => Math.min(100, Math.max(0, n));

/** Refuses a value the method cannot read: "scores inside the indicator's scale". */
export const assertWithinScale = (method: ScoringMethod, actual: number): void => {
  const refuse = (scale: string) => {
    throw new ScoreOutsideScale(method.kind, actual, scale);
  };
  if (!Number.isFinite(actual)) refuse('a finite number');
  switch (method.kind) {
    case 'linear-ratio':
    case 'inverse-ratio':
      if (actual < 0) refuse('0 or more');
      return;
    case 'threshold-bands':
      return;
    case 'milestone':
      if (actual !== 0 && actual !== 1) refuse('1 done, 0 not done');
      return;
    case 'anchored-scale':
      if (!Number.isInteger(actual) || actual < 1 || actual > 5) refuse('whole levels 1-5');
      return;
  }
};

const ratioScore = (attainment: number, rulesVersion: ScoringRulesVersion) =>
  rulesVersion >= 2 && attainment < 0.5 ? 0 : capped(100 * attainment);

/** Pure: the same method, target, actual and rules version always give the same score. */
export const scoreIndicator = (method: ScoringMethod, target: number, actual: number, rulesVersion: number): IndicatorScore => {
  if (!isRulesVersion(rulesVersion)) throw new UnknownScoringRulesVersion(rulesVersion);
  assertWithinScale(method, actual);
  const provenance = { method: method.kind, rulesVersion };
  switch (method.kind) {
    case 'linear-ratio':
      // A zero target is refused when defined; an old one still scores: nothing asked, fully met.
      return { score: target <= 0 ? 100 : round2(ratioScore(actual / target, rulesVersion)), ...provenance };
    case 'inverse-ratio': {
      // At or under target is full marks; zero actual beats any target, zero target is met only by zero.
      if (actual <= target) return { score: 100, ...provenance };
      return { score: target === 0 ? 0 : round2(ratioScore(target / actual, rulesVersion)), ...provenance };
    }
    case 'threshold-bands': {
      const reached = method.bands.filter((b) => actual >= b.atLeast);
      return { score: reached.length ? reached[reached.length - 1].score : 0, ...provenance };
    }
    case 'milestone':
      return { score: actual === 1 ? 100 : 0, ...provenance };
    case 'anchored-scale':
      return { score: rulesVersion >= 2 ? actual * 20 : (actual - 1) * 25, ...provenance };
  }
};
