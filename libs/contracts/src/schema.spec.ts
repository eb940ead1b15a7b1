import { array, instant, integer, nullable, number, object, oneOf, problemsOf, string } from './schema';

type Gap = { competency: string; gap: number; note: string | null };
const gap = object<Gap>({ competency: string(), gap: integer(), note: nullable(string()) });
const result = object<{ at: string; band: 'low' | 'high'; score: number; gaps: Gap[] }>({
  at: instant(),
  band: oneOf('low', 'high'),
  score: number(),
  gaps: array(gap),
});

describe('payload schemas', () => {
  const ok = { at: '2027-01-31T10:00:00.000Z', band: 'low', score: 71.5, gaps: [{ competency: 'negotiation', gap: 2, note: null }] };

  it('accept a payload that is exactly the contract', () => expect(problemsOf(result, ok)).toEqual([]));

  it('name a missing field, an unknown one and a mistyped one by their paths', () =>
    expect(problemsOf(result, { ...ok, score: '71.5', gaps: [{ competency: 'negotiation', gapSize: 2, note: null }] })).toEqual([
      'data.score: expected number, got string',
      'data.gaps[0].gap: missing',
      'data.gaps[0].gapSize: not in the contract',
    ]));

  it('refuse values outside an enumeration, non-instants and non-integers', () =>
    expect(problemsOf(result, { ...ok, at: '31/01/2027', band: 'medium', gaps: [{ competency: 'x', gap: 1.5, note: 3 }] })).toEqual([
      'data.at: expected ISO-8601 instant, got string',
      'data.band: expected one of "low", "high", got "medium"',
      'data.gaps[0].gap: expected integer, got number',
      'data.gaps[0].note: expected string, got number',
    ]));

  it('refuse null where the contract does not allow it, and a non-object payload', () => {
    expect(problemsOf(result, { ...ok, score: null })).toEqual(['data.score: expected number, got null']);
    expect(problemsOf(result, [ok])).toEqual(['data: expected object, got array']);
  });
});
