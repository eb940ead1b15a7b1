import { rememberStoredJson, type RecordedEvent } from '@tpm/event-store';
import { toKafkaMessage, toLogEnvelope, toLogMessage } from './envelope.mapping';

const recorded = (data: object, metadata: Partial<RecordedEvent['metadata']> = {}): RecordedEvent => ({
  eventId: '6f1c2a8e-0b7d-4c1e-9a55-3d2f8e4b7c10',
  streamId: 'training-session-S-1',
  streamVersion: 3,
  globalPosition: 42,
  type: 'EmployeeEnrolled',
  schemaVersion: 1,
  data,
  metadata: { actor: { subject: 'u-1', roles: ['trainer'] }, businessUnitId: 'BU-7', correlationId: 'c-1', causationId: null, traceparent: null, ...metadata },
  occurredAt: '2027-02-01T10:00:00.000Z',
  recordedAt: '2027-02-01T10:00:00.123Z',
  hash: 'ab'.repeat(32),
});

const parsed = (m: { value: unknown }) => JSON.parse(String(m.value));

describe('the log message the relay builds', () => {
  it('carries the same envelope, key and headers as the log envelope serialised whole', () => {
    const e = recorded({ sessionId: 'S-1', employeeId: 'E-1', at: '2027-02-01T10:00:00.000Z' }, { causationId: 'x-9', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
    const fast = toLogMessage('training', e);
    const whole = toKafkaMessage(toLogEnvelope('training', e));
    expect(parsed(fast)).toEqual(parsed(whole));
    expect(fast.key).toBe(whole.key);
    expect(fast.headers).toEqual(whole.headers);
  });

  it('sends the stored JSON text of the data when the store read it unchanged', () => {
    // A space serialising the object again would not write: only the stored text has it.
    const stored = '{"at": "2027-02-01T10:00:00.000Z","employeeId":"E-1","sessionId":"S-1"}';
    const data = JSON.parse(stored);
    rememberStoredJson(data, stored);
    const value = String(toLogMessage('training', recorded(data)).value);
    expect(value.endsWith(`,"data":${stored}}`)).toBe(true);
    expect(parsed({ value }).data).toEqual(data);
  });

  it('serialises data a wrapper replaced (opened personal fields, an upcast), never the stale stored text', () => {
    const stored = '{"name":"sealed:v1:abc"}';
    const sealed = JSON.parse(stored);
    rememberStoredJson(sealed, stored);
    const opened = recorded({ ...sealed, name: 'Ada' });
    expect(parsed(toLogMessage('training', opened)).data).toEqual({ name: 'Ada' });
  });
});
