import { ScoringMethodInvalid } from './scoring.errors';

/** A rating band starts at `from` (inclusive) and runs to the next band's start. */
export interface RatingBand {
  name: string;
  from: number;
}

export const DEFAULT_RATING_BANDS: RatingBand[] = [
  { name: 'unsatisfactory', from: 0 },
  { name: 'below', from: 50 },
  { name: 'meets', from: 70 },
  { name: 'exceeds', from: 90 },
];

/** Bands must cover 0-100 without gaps or overlaps, so every score falls in exactly one. */
export const assertValidBands = (bands: RatingBand[]): void => {
  if (bands.length === 0) throw new ScoringMethodInvalid('at least one rating band is needed');
  if (bands[0].from !== 0) throw new ScoringMethodInvalid('the lowest rating band must start at 0');
  const names = new Set<string>();
  bands.forEach((b, i) => {
    if (!b.name.trim()) throw new ScoringMethodInvalid(`rating band ${i + 1} needs a name`);
    if (names.has(b.name)) throw new ScoringMethodInvalid(`rating band ${b.name} is named twice`);
    names.add(b.name);
    if (!(b.from >= 0 && b.from <= 100)) throw new ScoringMethodInvalid(`rating band ${b.name} must start between 0 and 100`);
    if (i > 0 && b.from <= bands[i - 1].from) throw new ScoringMethodInvalid('rating bands must strictly ascend');
  });
};

/** The band a 0-100 score falls in, with its rank (1 = lowest). */
export const bandFor = (score: number, bands: RatingBand[]): { name: string; rank: number } => {
  let rank = 1;
  bands.forEach((b, i) => {
    if (score >= b.from) rank = i + 1;
  });
  return { name: bands[rank - 1].name, rank };
};

export const rankOf = (name: string, bands: RatingBand[]): number => bands.findIndex((b) => b.name === name) + 1;
