/**
 * Priority of a training need, a pure and versioned formula so that a stored priority can
 * always be explained by the version that computed it (events carry `priorityVersion`).
 *
 * v1: priority = gap × strategicWeight, rounded to two decimals.
 *   gap             = requiredLevel − currentLevel on the 0-5 competency scale (1..5 when a need exists)
 *   strategicWeight = how much the competency matters to the unit's strategy, 0.1..5 (1 = neutral)
 * So a 3-level gap on a neutral competency (3.00) outranks a 1-level gap on a doubled one (2.00).
 */
export const CURRENT_PRIORITY_VERSION = 1;

const FORMULAS: Record<number, (gap: number, strategicWeight: number) => number> = {
  1: (gap, strategicWeight) => Math.round(gap * strategicWeight * 100) / 100,
};

export class UnknownPriorityVersion extends Error {}

export const needPriority = (gap: number, strategicWeight: number, version: number = CURRENT_PRIORITY_VERSION): number => {
  const formula = FORMULAS[version];
  if (!formula) throw new UnknownPriorityVersion(`No priority formula v${version}`);
  return formula(Math.max(0, gap), strategicWeight);
};
