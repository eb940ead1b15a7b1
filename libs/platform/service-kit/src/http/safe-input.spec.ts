import { FORBIDDEN_KEYS, inspectJson, inspectPathSegments, inspectQuery, MAX_JSON_DEPTH, unstorableText } from './safe-input';

const nested = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { child: v };
  return v;
};

describe('text the database cannot store', () => {
  it('accepts ordinary text, accents, emoji (a surrogate pair) and U+FFFD', () => {
    for (const ok of ['', 'Ana', 'Zoë ñ 東京', 'great 👍', '\uFFFD', 'tab\tand\nnewline']) expect(unstorableText(ok)).toBeNull();
  });

  it('names a NUL character', () => {
    expect(unstorableText('a\u0000b')).toMatch(/NUL/);
  });

  it('names a lone high surrogate and a lone low surrogate, alone or around valid pairs', () => {
    expect(unstorableText('\uD800')).toMatch(/lone surrogate \(\\uD800\)/);
    expect(unstorableText('x\uDC00')).toMatch(/lone surrogate \(\\uDC00\)/);
    expect(unstorableText('👍\uD83D')).toMatch(/lone surrogate/);
    expect(unstorableText('\uDC00👍')).toMatch(/lone surrogate/);
  });
});

describe('a parsed JSON body', () => {
  it('passes when its text is storable, its depth within the limit and its keys ordinary', () => {
    expect(inspectJson({ reason: 'Top deal', tags: ['a', 'b'], nested: { n: 1, ok: true, none: null } })).toBeNull();
    expect(inspectJson(nested(MAX_JSON_DEPTH - 1))).toBeNull();
  });

  it('is INVALID_TEXT naming each field (and array index) that holds a NUL or a lone surrogate', () => {
    const problem = inspectJson({ reason: 'a\u0000', content: { items: [{ name: 'ok' }, { name: '\uD800' }] } });
    expect(problem).toMatchObject({ code: 'INVALID_TEXT' });
    expect(problem?.details.map((d) => d.field)).toEqual(['reason', 'content.items[1].name']);
  });

  it('is INVALID_TEXT when a key holds a NUL, naming it escaped', () => {
    const problem = inspectJson(JSON.parse('{"a\\u0000b": 1}'));
    expect(problem?.code).toBe('INVALID_TEXT');
    expect(problem?.details[0].field).toBe('["a\\u0000b"]');
  });

  it('is JSON_TOO_DEEP past the limit, even 100 levels down, without recursing further', () => {
    expect(inspectJson(nested(MAX_JSON_DEPTH + 1))).toMatchObject({ code: 'JSON_TOO_DEEP' });
    expect(inspectJson(JSON.parse('['.repeat(100) + ']'.repeat(100)))).toMatchObject({ code: 'JSON_TOO_DEEP' });
    expect(inspectJson(JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)))).toMatchObject({ code: 'JSON_TOO_DEEP' });
  });

  it('is FORBIDDEN_KEY for __proto__, constructor or prototype anywhere, as JSON.parse keeps them as own keys', () => {
    expect([...FORBIDDEN_KEYS].sort()).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(inspectJson(JSON.parse('{"__proto__": {"admin": true}}'))).toMatchObject({ code: 'FORBIDDEN_KEY', details: [{ field: '__proto__' }] });
    expect(inspectJson(JSON.parse('{"a": [{"constructor": {"prototype": 1}}]}'))?.details.map((d) => d.field)).toEqual(['a[0].constructor', 'a[0].constructor.prototype']);
  });

  it('names at most twenty problems, so a hostile body is not echoed back whole', () => {
    expect(inspectJson(Array.from({ length: 500 }, () => '\u0000'))?.details).toHaveLength(20);
  });
});

describe('a raw query string', () => {
  it('passes ordinary, percent-encoded UTF-8 and plus-encoded values', () => {
    expect(inspectQuery('asOf=2027-03-01T00%3A00%3A00Z&q=Zo%C3%AB+%F0%9F%91%8D&flag')).toEqual([]);
  });

  it('names a parameter whose value is a percent-encoded NUL', () => {
    expect(inspectQuery('a=1&name=x%00y')).toEqual([{ field: 'name', errors: [expect.stringMatching(/query parameter name contains a NUL/)] }]);
  });

  it('names a parameter whose value encodes a lone surrogate or broken UTF-8', () => {
    expect(inspectQuery('name=%ED%A0%80')[0]).toMatchObject({ field: 'name', errors: [expect.stringMatching(/not valid UTF-8/)] });
    expect(inspectQuery('name=%FF')[0].field).toBe('name');
  });

  it('names a parameter whose name itself is unstorable, quoted raw', () => {
    expect(inspectQuery('na%00me=1')[0]).toMatchObject({ field: '"na%00me"', errors: [expect.stringMatching(/the name of query parameter/)] });
  });
});

describe('a raw path', () => {
  it('passes ordinary and percent-encoded UTF-8 segments', () => {
    expect(inspectPathSegments('/org/employees/Zo%C3%AB-1/transfer')).toEqual([]);
  });

  it('gives the index of each segment holding a NUL, an encoded lone surrogate or broken UTF-8', () => {
    expect(inspectPathSegments('/training/plans/%ED%A0%80/x%00/%E2%82').map((s) => s.index)).toEqual([2, 3, 4]);
  });
});
