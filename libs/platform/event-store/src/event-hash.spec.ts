import { createHash, createHmac } from 'node:crypto';
import { EventHasher, UNKEYED, type HashedFields } from './event-hash';

// The layout every stored hash was made with, written out independently of EventHasher: the
// previous hash, a newline, then the fields as one JSON array ending with the key id.
const fields: HashedFields = {
  eventId: '0b9e7c2e-8f2a-4d8e-9a51-3c1f6f0d2a77',
  streamId: 'appraisal-Ü-42',
  streamVersion: 7,
  type: 'performance.AppraisalFinalized',
  schemaVersion: 2,
  dataText: '{"comment":"Strong \\"practical\\" work — ✓","score":4.5}',
  metadataText: '{"actor":{"roles":["hr"],"subject":"u-1"},"correlationId":"c"}',
  occurredAt: '2027-01-01T10:00:00.000Z',
};
const layout = (prev: string, keyId: string) =>
  JSON.stringify([fields.eventId, fields.streamId, fields.streamVersion, fields.type, fields.schemaVersion, fields.dataText, fields.metadataText, fields.occurredAt, keyId]);

describe('event hashes', () => {
  const prev = 'a'.repeat(64);

  it('are sha-256 over the previous hash, a newline and the fields, without a key', () => {
    const expected = createHash('sha256').update(prev).update('\n').update(layout(prev, UNKEYED)).digest('hex');
    expect(new EventHasher().event(prev, fields)).toBe(expected);
    expect(new EventHasher().event('', fields)).toBe(createHash('sha256').update('\n').update(layout('', UNKEYED)).digest('hex'));
  });

  it('are HMAC-SHA256 over the same bytes with the key id among the fields, with a key', () => {
    const hasher = new EventHasher([{ id: 'k1', secret: 'first-key-kept-outside-the-database-0001' }]);
    const expected = createHmac('sha256', 'first-key-kept-outside-the-database-0001').update(prev).update('\n').update(layout(prev, 'k1')).digest('hex');
    expect(hasher.event(prev, fields)).toBe(expected);
    expect(hasher.event(prev, fields)).not.toBe(new EventHasher().event(prev, fields));
  });

  it('change when any field changes', () => {
    const hasher = new EventHasher();
    const base = hasher.event(prev, fields);
    for (const [key, value] of Object.entries({ streamVersion: 8, dataText: '{"score":4.5}', occurredAt: '2027-01-01T10:00:00.001Z', eventId: fields.eventId.replace('0b', '0c') })) {
      expect(hasher.event(prev, { ...fields, [key]: value })).not.toBe(base);
    }
    expect(hasher.event('b'.repeat(64), fields)).not.toBe(base);
  });
});
