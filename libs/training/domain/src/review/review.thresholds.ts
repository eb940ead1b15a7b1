/** Below which a program is flagged for review; configurable per deployment. */
export interface ReviewThresholds {
  /** Minimum average L1 reaction (1-5). */
  minReactionAverage: number;
  /** Minimum average L2 learning gain (post − pre, points of 100). */
  minLearningGain: number;
  /** Minimum L4 effect (trained score change − untrained peers' change, points of 100). */
  minResultEffect: number;
}

export const DEFAULT_REVIEW_THRESHOLDS: ReviewThresholds = { minReactionAverage: 3.5, minLearningGain: 10, minResultEffect: 0 };

export interface ProgramEvaluationStats {
  reactionAverage: number | null;
  learningGain: number | null;
  resultEffect: number | null;
}

export interface ReviewFinding {
  metric: 'L1 reaction average' | 'L2 learning gain' | 'L4 result effect';
  value: number;
  threshold: number;
}

/** A level without data yet says nothing: only measured values can fall below a threshold. */
export const findingsBelowThreshold = (stats: ProgramEvaluationStats, t: ReviewThresholds): ReviewFinding[] => {
  const findings: ReviewFinding[] = [];
  if (stats.reactionAverage !== null && stats.reactionAverage < t.minReactionAverage)
    findings.push({ metric: 'L1 reaction average', value: stats.reactionAverage, threshold: t.minReactionAverage });
  if (stats.learningGain !== null && stats.learningGain < t.minLearningGain)
    findings.push({ metric: 'L2 learning gain', value: stats.learningGain, threshold: t.minLearningGain });
  if (stats.resultEffect !== null && stats.resultEffect < t.minResultEffect)
    findings.push({ metric: 'L4 result effect', value: stats.resultEffect, threshold: t.minResultEffect });
  return findings;
};
