import { decodeEnvelope } from './envelope.decoder';

const valid = {
  eventId: 'e1',
  type: 'performance.PositionDefined',
  schemaVersion: 1,
  context: 'performance',
  streamId: 'employee-1',
  streamVersion: 1,
  position: 4,
  occurredAt: '2025-01-01T00:00:00.000Z',
  recordedAt: '2025-01-01T00:00:01.000Z',
  actor: { subject: 'user:hr', roles: ['hr'] },
  businessUnitId: 'bu-1',
  correlationId: 'c1',
  causationId: null,
  traceparent: null,
  data: { employeeId: '1' },
};

describe('decodeEnvelope', () => {
  it('accepts a contract envelope as published', () => {
    expect(decodeEnvelope(Buffer.from(JSON.stringify(valid)))).toEqual({ ok: true, envelope: valid });
  });
  it('rejects bad JSON with the parser message', () => {
    expect(decodeEnvelope('{nope')).toEqual({ ok: false, error: expect.stringContaining('invalid JSON') });
  });
  it('names the missing fields', () => {
    const { streamId: _s, correlationId: _c, ...rest } = valid;
    expect(decodeEnvelope(JSON.stringify(rest))).toEqual({ ok: false, error: 'missing or invalid fields: streamId, correlationId' });
  });
  it('rejects an envelope without actor or data', () => {
    expect(decodeEnvelope(JSON.stringify({ ...valid, actor: null })).ok).toBe(false);
    expect(decodeEnvelope(JSON.stringify({ ...valid, data: 'x' })).ok).toBe(false);
  });
  it('rejects empty values (tombstones)', () => {
    expect(decodeEnvelope(null)).toEqual({ ok: false, error: 'empty message value' });
  });
});
