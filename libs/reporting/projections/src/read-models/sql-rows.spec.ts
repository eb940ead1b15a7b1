import { keepFirst, keepLatest, mergeBy } from './sql-rows';

describe('merging one batch\'s rows before a set-based upsert', () => {
  const key = (r: Record<string, unknown>) => String(r.id);

  it('keeps the first value reached of each column, so a stage keeps its first time', () => {
    expect(mergeBy([{ id: 1, self_at: 't1', manager_at: null }, { id: 1, self_at: 't2', manager_at: 't3' }, { id: 2, self_at: 't4' }], key)).toEqual([
      { id: 1, self_at: 't1', manager_at: 't3' },
      { id: 2, self_at: 't4' },
    ]);
  });

  it('keeps the last known value of the columns named latest, and never lets a null erase one', () => {
    expect(mergeBy([{ id: 1, band: 'exceeds', at: 't1' }, { id: 1, band: 'meets', at: null }, { id: 1, band: null }], key, 'first', ['band'])).toEqual([{ id: 1, band: 'meets', at: 't1' }]);
    expect(mergeBy([{ id: 1, a: 'x', b: 'y' }, { id: 1, a: 'z', b: null }], key, 'last')).toEqual([{ id: 1, a: 'z', b: 'y' }]);
  });

  it('writes the conflict clauses column by column', () => {
    expect(keepFirst('t', ['self_at', 'manager_at'])).toBe('self_at = COALESCE(t.self_at, EXCLUDED.self_at), manager_at = COALESCE(t.manager_at, EXCLUDED.manager_at)');
    expect(keepLatest('t', ['band'])).toBe('band = COALESCE(EXCLUDED.band, t.band)');
  });
});
