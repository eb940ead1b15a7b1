import { comparePositions, decodePosition, encodePosition } from './esdb-position';
import { escapeRegex, storeEventsRegex, typesRegex } from './esdb-type-filter';

// EventStoreDB evaluates these with .NET's Regex.IsMatch; for anchors, groups, alternation and
// lookahead JavaScript's RegExp (without flags) means the same, so it stands in for the server.
const matches = (regex: string, type: string) => new RegExp(regex).test(type);

describe('the server-side type filter of a $all read', () => {
  it('selects exactly the given types, not longer types that start with one', () => {
    const regex = typesRegex(['training.EmployeeEnrolled', 'training.SessionScheduled']);
    expect(matches(regex, 'training.EmployeeEnrolled')).toBe(true);
    expect(matches(regex, 'training.SessionScheduled')).toBe(true);
    expect(matches(regex, 'training.EmployeeEnrolledLate')).toBe(false);
    expect(matches(regex, 'old.training.EmployeeEnrolled')).toBe(false);
    expect(matches(regex, 'training.EnrolmentWithdrawn')).toBe(false);
  });

  it('takes a dot in a type literally', () => {
    const regex = typesRegex(['a.b']);
    expect(matches(regex, 'a.b')).toBe(true);
    expect(matches(regex, 'aXb')).toBe(false);
  });

  it('escapes every character a regex gives a meaning', () => {
    const odd = 'x^$.|?*+()[]{}\\y';
    expect(escapeRegex(odd)).toBe('x\\^\\$\\.\\|\\?\\*\\+\\(\\)\\[\\]\\{\\}\\\\y');
    expect(matches(typesRegex([odd]), odd)).toBe(true);
    expect(matches(typesRegex([odd]), 'xy')).toBe(false);
  });

  it('names each type once and refuses an empty list', () => {
    expect(typesRegex(['a', 'a', 'b'])).toBe('^(?:a|b)$');
    expect(() => typesRegex([])).toThrow(/at least one event type/);
  });

  it('without types selects the store events: no server event, no seal, no server claim', () => {
    const regex = storeEventsRegex(['tpm.Sealed', 'tpm.ServerClaimed']);
    expect(matches(regex, 'training.EmployeeEnrolled')).toBe(true);
    expect(matches(regex, 'tpm.SealedLater')).toBe(true);
    expect(matches(regex, '$metadata')).toBe(false);
    expect(matches(regex, '$statsCollected')).toBe(false);
    expect(matches(regex, 'tpm.Sealed')).toBe(false);
    expect(matches(regex, 'tpm.ServerClaimed')).toBe(false);
  });
});

describe('log positions of $all', () => {
  it('round-trips commit and prepare positions beyond 2^53', () => {
    const p = { commit: 9_007_199_254_740_993n, prepare: 9_007_199_254_740_995n };
    expect(encodePosition(p)).toBe('9007199254740993:9007199254740995');
    expect(decodePosition(encodePosition(p))).toEqual(p);
  });

  it('refuses what is not a position of this store', () => {
    expect(() => decodePosition('start')).toThrow(/Not an EventStoreDB log position: start/);
    expect(() => decodePosition('12')).toThrow(/Not an EventStoreDB log position/);
    expect(() => decodePosition('-1:2')).toThrow(/Not an EventStoreDB log position/);
  });

  it('orders by commit position, then by prepare position', () => {
    const at = (commit: bigint, prepare: bigint) => ({ commit, prepare });
    expect(comparePositions(at(10n, 5n), at(11n, 0n))).toBe(-1);
    expect(comparePositions(at(11n, 0n), at(10n, 5n))).toBe(1);
    expect(comparePositions(at(10n, 4n), at(10n, 5n))).toBe(-1);
    expect(comparePositions(at(10n, 5n), at(10n, 5n))).toBe(0);
  });
});
