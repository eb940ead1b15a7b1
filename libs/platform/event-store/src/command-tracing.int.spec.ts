import { randomBytes, randomUUID } from 'node:crypto';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createTestDatabase, type TestDatabase } from '@tpm/testing';
import { inSpan, startTracing, type Tracing } from '@tpm/tracing';
import { execute, type CommandContext } from './command-context';
import { PostgresEventStore } from './postgres/postgres-event-store';
import { counter } from './testing/counter.decider';

jest.setTimeout(60_000);


/** What `execute` stores as `traceparent` while tracing runs, on the real PostgreSQL store. */
describe('execute while tracing runs (real PostgreSQL)', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let db: TestDatabase;
  let store: PostgresEventStore;
  const hex = (n: number) => randomBytes(n).toString('hex');
  const add = async (context: Partial<CommandContext>) => {
    const streamId = `test-${randomUUID()}`;
    await execute(store, streamId, counter)(() => ({ type: 'Add', data: { n: 1 } }), {
      context: { actor: { subject: 'hr-1', roles: ['hr'] }, correlationId: randomUUID(), ...context },
      at: '2027-03-01T09:00:00.000Z',
      businessUnitId: () => null,
    });
    const [event] = await store.readStream(streamId);
    return event.metadata.traceparent;
  };

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'event-store-it', exporter });
    db = await createTestDatabase('es_tracing');
    store = new PostgresEventStore({ connectionString: db.url });
    await store.ensureSchema();
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
    await tracing?.shutdown();
  });
  beforeEach(() => exporter.reset());

  it('stores the append span\'s context, a child of the active span', async () => {
    let request = '';
    const stored = await inSpan('request', {}, async (span) => {
      request = span.spanContext().spanId;
      return add({ traceparent: `00-${hex(16)}-${hex(8)}-01` });
    });
    const append = exporter.getFinishedSpans().find((s) => s.name === 'event-store append')!;
    expect(append.parentSpanContext?.spanId).toBe(request);
    expect(stored).toBe(`00-${append.spanContext().traceId}-${append.spanContext().spanId}-01`);
    expect(append.attributes).toMatchObject({ 'tpm.event_types': ['Added'], 'tpm.event_count': 1 });
  });

  it('continues the given traceparent where no span is active (a deadline, a cause read from the store)', async () => {
    const [traceId, parent] = [hex(16), hex(8)];
    const stored = await add({ traceparent: `00-${traceId}-${parent}-01` });
    const append = exporter.getFinishedSpans().find((s) => s.name === 'event-store append')!;
    expect(append.spanContext().traceId).toBe(traceId);
    expect(append.parentSpanContext?.spanId).toBe(parent);
    expect(stored).toBe(`00-${traceId}-${append.spanContext().spanId}-01`);
  });

  it('stores no trace and records no span for an untraced command, even under an active span', async () => {
    const stored = await inSpan('stage advance', {}, () => add({ traceparent: null, untraced: true }));
    expect(stored).toBeNull();
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['stage advance']);
  });
});
