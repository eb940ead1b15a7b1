/**
 * The server-side event-type filters of a $all read. EventStoreDB matches a regex filter with
 * .NET's Regex.IsMatch (a match anywhere in the type), so exact types need anchors; a prefix
 * filter would let `x.Enrolled` also select `x.EnrolledLate`.
 */

// The characters a .NET (and JavaScript) regex gives a meaning outside a character class (without IgnorePatternWhitespace).
const SPECIAL = /[\\^$.|?*+()[\]{}]/g;

export const escapeRegex = (text: string): string => text.replace(SPECIAL, (c) => `\\${c}`);

/** Exactly these event types: `^(?:a|b)$`, each type escaped. */
export function typesRegex(types: readonly string[]): string {
  const unique = [...new Set(types)];
  if (!unique.length) throw new Error('typesRegex needs at least one event type');
  return `^(?:${unique.map(escapeRegex).join('|')})$`;
}

/**
 * Every event the store wrote: no server event (`$`-prefixed types such as `$metadata` or
 * `$statsCollected`) and none of the store's own bookkeeping types (seals, the server claim).
 */
export const storeEventsRegex = (ownTypes: readonly string[]): string => `^(?!\\$)${ownTypes.map((t) => `(?!${escapeRegex(t)}$)`).join('')}`;
