import { assertValidBands, bandFor, DEFAULT_RATING_BANDS } from './rating-bands';
import { ScoringMethodInvalid } from './scoring.errors';

describe('rating bands', () => {
  it('puts a score on a band boundary into the higher band', () => {
    expect(bandFor(70, DEFAULT_RATING_BANDS)).toEqual({ name: 'meets', rank: 3 });
    expect(bandFor(69.99, DEFAULT_RATING_BANDS)).toEqual({ name: 'below', rank: 2 });
  });
  it('ranks 0 lowest and 100 highest', () => {
    expect(bandFor(0, DEFAULT_RATING_BANDS)).toEqual({ name: 'unsatisfactory', rank: 1 });
    expect(bandFor(100, DEFAULT_RATING_BANDS)).toEqual({ name: 'exceeds', rank: 4 });
  });
  it('refuses bands that leave the low scores uncovered', () => expect(() => assertValidBands([{ name: 'ok', from: 10 }])).toThrow(ScoringMethodInvalid));
  it('refuses bands out of order, named twice, or nameless', () => {
    expect(() => assertValidBands([{ name: 'a', from: 0 }, { name: 'b', from: 0 }])).toThrow('strictly ascend');
    expect(() => assertValidBands([{ name: 'a', from: 0 }, { name: 'a', from: 50 }])).toThrow('twice');
    expect(() => assertValidBands([{ name: ' ', from: 0 }])).toThrow('needs a name');
    expect(() => assertValidBands([])).toThrow('at least one');
    expect(() => assertValidBands([{ name: 'a', from: 0 }, { name: 'b', from: 101 }])).toThrow('between 0 and 100');
  });
});
