import { ScoringMethodInvalid } from './scoring.errors';

/** One step of a threshold-bands method: an actual of at least `atLeast` earns `score`. */
export interface ThresholdBand {
  atLeast: number;
  score: number;
}

/**
 * How an indicator's actual value becomes a 0-100 score (100 = target met):
 * - linear-ratio: actual / target, capped (more is better);
 * - inverse-ratio: target / actual, capped (less is better: defects, cost, lead time);
 * - threshold-bands: the score of the highest band reached;
 * - milestone: done (1) or not done (0);
 * - anchored-scale: a behaviourally anchored rating 1-5, each level described by an anchor.
 */
export type ScoringMethod =
  | { kind: 'linear-ratio' }
  | { kind: 'inverse-ratio' }
  | { kind: 'threshold-bands'; bands: ThresholdBand[] }
  | { kind: 'milestone' }
  | { kind: 'anchored-scale'; anchors: string[] };

export type ScoringMethodKind = ScoringMethod['kind'];
export const SCORING_METHOD_KINDS: ScoringMethodKind[] = ['linear-ratio', 'inverse-ratio', 'threshold-bands', 'milestone', 'anchored-scale'];

/** Refuses a method (with its target) that could not score every value on its scale. */
export const assertValidMethod = (method: ScoringMethod, target: number): void => {
  if (!Number.isFinite(target)) throw new ScoringMethodInvalid('the target must be a finite number');
  switch (method.kind) {
    case 'linear-ratio':
      // "More is better" against nothing: every actual would meet it, so the indicator says nothing.
      if (target <= 0) throw new ScoringMethodInvalid('a linear ratio needs a target above 0');
      return;
    case 'inverse-ratio':
      // Zero is a real target here (zero defects); only a negative one is meaningless.
      if (target < 0) throw new ScoringMethodInvalid('an inverse ratio needs a target of 0 or more');
      return;
    case 'threshold-bands': {
      const { bands } = method;
      if (bands.length === 0) throw new ScoringMethodInvalid('threshold bands need at least one band');
      bands.forEach((b, i) => {
        if (!Number.isFinite(b.atLeast)) throw new ScoringMethodInvalid(`band ${i + 1} needs a finite threshold`);
        if (!(b.score >= 0 && b.score <= 100)) throw new ScoringMethodInvalid(`band ${i + 1} must score between 0 and 100`);
        if (i > 0 && b.atLeast <= bands[i - 1].atLeast) throw new ScoringMethodInvalid('band thresholds must strictly ascend');
        if (i > 0 && b.score < bands[i - 1].score) throw new ScoringMethodInvalid('a higher band cannot score less than a lower one');
      });
      return;
    }
    case 'milestone':
      return;
    case 'anchored-scale':
      if (method.anchors.length !== 5 || method.anchors.some((a) => !a.trim())) {
        throw new ScoringMethodInvalid('an anchored scale describes each of its 5 levels');
      }
      return;
  }
};
