/**
 * The incentive effect of a policy in a unit (Vroom: motivation = expectancy × instrumentality ×
 * valence), as a pure, versioned function of recorded inputs. A new formula is a new version beside
 * this one; a measurement records the version and the inputs it was computed from, so it can be
 * recomputed and explained years later.
 */
export const INCENTIVE_EFFECT_VERSION = 1;

export interface IncentiveEffectInputs {
  /** Eligible employees of the unit in the cycles so far, and those who reached the policy's target band. */
  eligible: number;
  reachedTarget: number;
  /** Rewards promised (proposed with an amount), granted (not revoked), and paid by their due date. */
  promised: number;
  granted: number;
  paidOnTime: number;
  /** Mean of bonus ÷ base pay over the granted rewards (no individual pay is recorded). */
  meanRewardToPay: number | null;
  /** The employees' own ratings of the reward (1-5): count and mean. */
  ratings: number;
  meanRating: number | null;
}

export type ExpectancyFlag = 'goals-not-feasible' | 'no-stretch' | null;

export interface IncentiveEffect {
  functionVersion: number;
  expectancy: number | null;
  expectancyFlag: ExpectancyFlag;
  grantedShare: number | null;
  onTimeShare: number | null;
  instrumentality: number | null;
  sizeValence: number | null;
  surveyValence: number | null;
  valence: number | null;
  effect: number | null;
}

/** Below it, goals are not seen as feasible; above it, the target asks no stretch. */
export const EXPECTANCY_LOW = 0.2;
export const EXPECTANCY_HIGH = 0.9;
/** A bonus of this share of pay or more is worth the most (size valence 1). */
export const FULL_VALENCE_REWARD_TO_PAY = 0.1;

const share = (n: number, of: number) => (of > 0 ? n / of : null);
const r4 = (n: number | null) => (n === null ? null : Math.round(n * 10_000) / 10_000);
const mean = (xs: (number | null)[]) => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
};

export const incentiveEffectV1 = (i: IncentiveEffectInputs): IncentiveEffect => {
  const expectancy = share(i.reachedTarget, i.eligible);
  const expectancyFlag: ExpectancyFlag = expectancy === null ? null : expectancy < EXPECTANCY_LOW ? 'goals-not-feasible' : expectancy > EXPECTANCY_HIGH ? 'no-stretch' : null;
  const grantedShare = share(i.granted, i.promised);
  const onTimeShare = share(i.paidOnTime, i.granted);
  // Credibility: a promise counts when it was kept, and kept on time.
  const instrumentality = grantedShare === null ? null : grantedShare * (onTimeShare ?? 0);
  const sizeValence = i.meanRewardToPay === null ? null : Math.min(1, i.meanRewardToPay / FULL_VALENCE_REWARD_TO_PAY);
  const surveyValence = i.meanRating === null || i.ratings === 0 ? null : (i.meanRating - 1) / 4;
  const valence = mean([sizeValence, surveyValence]);
  const effect = expectancy === null || instrumentality === null || valence === null ? null : expectancy * instrumentality * valence;
  return {
    functionVersion: INCENTIVE_EFFECT_VERSION,
    expectancy: r4(expectancy),
    expectancyFlag,
    grantedShare: r4(grantedShare),
    onTimeShare: r4(onTimeShare),
    instrumentality: r4(instrumentality),
    sizeValence: r4(sizeValence),
    surveyValence: r4(surveyValence),
    valence: r4(valence),
    effect: r4(effect),
  };
};

/** Every version the context can compute, by number: a recorded measurement names its own. */
export const INCENTIVE_EFFECT_FUNCTIONS: Record<number, (i: IncentiveEffectInputs) => IncentiveEffect> = { 1: incentiveEffectV1 };
