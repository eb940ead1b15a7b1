import { assertValidMethod, type ScoringMethod } from './scoring-method';
import { scoreIndicator } from './score-indicator';
import { ScoreOutsideScale, ScoringMethodInvalid, UnknownScoringRulesVersion } from './scoring.errors';

const linear: ScoringMethod = { kind: 'linear-ratio' };
const inverse: ScoringMethod = { kind: 'inverse-ratio' };
const bands: ScoringMethod = {
  kind: 'threshold-bands',
  bands: [
    { atLeast: 10, score: 40 },
    { atLeast: 20, score: 70 },
    { atLeast: 30, score: 100 },
  ],
};
const milestone: ScoringMethod = { kind: 'milestone' };
const scale: ScoringMethod = { kind: 'anchored-scale', anchors: ['poor', 'fair', 'good', 'strong', 'role model'] };
const score = (m: ScoringMethod, target: number, actual: number, v = 1) => scoreIndicator(m, target, actual, v).score;

describe('scoreIndicator', () => {
  it('records the method and the rules version that produced every score', () => {
    expect(scoreIndicator(linear, 100, 80, 1)).toEqual({ score: 80, method: 'linear-ratio', rulesVersion: 1 });
    expect(scoreIndicator(scale, 0, 3, 2)).toEqual({ score: 60, method: 'anchored-scale', rulesVersion: 2 });
  });

  it('refuses a rules version that does not exist', () => expect(() => scoreIndicator(linear, 100, 80, 3)).toThrow(UnknownScoringRulesVersion));

  describe('linear ratio', () => {
    it('scores actual over target', () => expect(score(linear, 200, 150)).toBe(75));
    it('caps an overachievement at 100', () => expect(score(linear, 100, 180)).toBe(100));
    it('scores exactly the target as 100', () => expect(score(linear, 100, 100)).toBe(100));
    it('scores nothing achieved as 0', () => expect(score(linear, 100, 0)).toBe(0));
    it('rounds to two decimals', () => expect(score(linear, 3, 1)).toBe(33.33));
    it('treats a zero target recorded by old history as met', () => expect(score(linear, 0, 5)).toBe(100));
    it('refuses a negative actual', () => expect(() => score(linear, 100, -1)).toThrow(ScoreOutsideScale));
    it('gives no credit under half the target from rules v2 on', () => {
      expect(score(linear, 100, 49, 2)).toBe(0);
      expect(score(linear, 100, 50, 2)).toBe(50);
      expect(score(linear, 100, 49, 1)).toBe(49);
    });
  });

  describe('inverse ratio', () => {
    it('scores target over actual when the actual is worse', () => expect(score(inverse, 5, 10)).toBe(50));
    it('caps at 100 when the actual beats the target', () => expect(score(inverse, 5, 2)).toBe(100));
    it('scores a zero actual as 100', () => expect(score(inverse, 5, 0)).toBe(100));
    it('meets a zero target only with zero', () => {
      expect(score(inverse, 0, 0)).toBe(100);
      expect(score(inverse, 0, 1)).toBe(0);
    });
    it('gives no credit past twice the target from rules v2 on', () => {
      expect(score(inverse, 5, 11, 2)).toBe(0);
      expect(score(inverse, 5, 10, 2)).toBe(50);
    });
    it('refuses a negative actual', () => expect(() => score(inverse, 5, -2)).toThrow(ScoreOutsideScale));
  });

  describe('threshold bands', () => {
    it('scores 0 under the lowest band', () => expect(score(bands, 0, 9.99)).toBe(0));
    it('includes the band boundary itself', () => {
      expect(score(bands, 0, 10)).toBe(40);
      expect(score(bands, 0, 20)).toBe(70);
      expect(score(bands, 0, 30)).toBe(100);
    });
    it('scores the highest band reached', () => expect(score(bands, 0, 29.9)).toBe(70));
    it('stays at the top band far above it', () => expect(score(bands, 0, 1e9)).toBe(100));
    it('accepts negative actuals, under the lowest band', () => expect(score(bands, 0, -5)).toBe(0));
  });

  describe('milestone', () => {
    it('scores done as 100 and not done as 0', () => {
      expect(score(milestone, 1, 1)).toBe(100);
      expect(score(milestone, 1, 0)).toBe(0);
    });
    it('refuses anything but done or not done', () => expect(() => score(milestone, 1, 0.5)).toThrow(ScoreOutsideScale));
  });

  describe('anchored scale', () => {
    it('maps levels 1-5 to 0-100 under rules v1', () => expect([1, 2, 3, 4, 5].map((l) => score(scale, 0, l))).toEqual([0, 25, 50, 75, 100]));
    it('maps levels 1-5 to 20-100 under rules v2', () => expect([1, 2, 3, 4, 5].map((l) => score(scale, 0, l, 2))).toEqual([20, 40, 60, 80, 100]));
    it('refuses levels outside 1-5 and fractions', () => {
      for (const l of [0, 6, 2.5]) expect(() => score(scale, 0, l)).toThrow(ScoreOutsideScale);
    });
  });

  it('refuses a value that is not a finite number for every method', () => {
    for (const m of [linear, inverse, bands, milestone, scale]) expect(() => score(m, 10, Number.NaN)).toThrow(ScoreOutsideScale);
  });
});

describe('assertValidMethod', () => {
  it('refuses a linear ratio with a zero or negative target', () => {
    expect(() => assertValidMethod(linear, 0)).toThrow(ScoringMethodInvalid);
    expect(() => assertValidMethod(linear, -1)).toThrow(ScoringMethodInvalid);
  });
  it('accepts an inverse ratio with a zero target and refuses a negative one', () => {
    expect(() => assertValidMethod(inverse, 0)).not.toThrow();
    expect(() => assertValidMethod(inverse, -1)).toThrow(ScoringMethodInvalid);
  });
  it('refuses bands that do not ascend, score outside 0-100, or do not exist', () => {
    expect(() => assertValidMethod({ kind: 'threshold-bands', bands: [] }, 0)).toThrow('at least one band');
    expect(() => assertValidMethod({ kind: 'threshold-bands', bands: [{ atLeast: 5, score: 10 }, { atLeast: 5, score: 20 }] }, 0)).toThrow('strictly ascend');
    expect(() => assertValidMethod({ kind: 'threshold-bands', bands: [{ atLeast: 5, score: 120 }] }, 0)).toThrow('between 0 and 100');
    expect(() => assertValidMethod({ kind: 'threshold-bands', bands: [{ atLeast: 1, score: 50 }, { atLeast: 2, score: 40 }] }, 0)).toThrow('score less');
  });
  it('refuses an anchored scale without five described levels', () => {
    expect(() => assertValidMethod({ kind: 'anchored-scale', anchors: ['a', 'b'] }, 0)).toThrow(ScoringMethodInvalid);
    expect(() => assertValidMethod({ kind: 'anchored-scale', anchors: ['a', 'b', 'c', 'd', ' '] }, 0)).toThrow(ScoringMethodInvalid);
  });
  it('refuses a target that is not a finite number', () => expect(() => assertValidMethod(milestone, Number.POSITIVE_INFINITY)).toThrow(ScoringMethodInvalid));
});
