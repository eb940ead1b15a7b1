import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout) derived from its parts. A reaction names the events it appends
 * with ids derived from the consumed event, so a redelivered event re-appends the same ids
 * and the store's idempotent append writes nothing twice.
 */
export const deterministicUuid = (...parts: (string | number)[]): string => {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
};
