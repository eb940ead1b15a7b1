import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Pool } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signDevToken } from '@tpm/auth';
import { topicOf, type Envelope } from '@tpm/contracts';
import { silentLogger } from '@tpm/logging';
import { toKafkaMessage } from '@tpm/messaging';
import { competencyStream } from '@tpm/performance-application';
import { PROJECTION_STORE_MIGRATIONS, ProjectionRunner, type Projection } from '@tpm/projections';
import { createServiceApp } from '@tpm/service-kit';
import { createTestDatabase, eventually, testKafka, uniqueName, type TestDatabase } from '@tpm/testing';
import { startTracing, type Tracing } from '@tpm/tracing';
import { trainingCompleted } from './messaging/training-completed.spec-helper';

/**
 * One trace from an HTTP command to its projections, on the real PostgreSQL and Kafka: the
 * performance service runs in this process with the SDK exporting to memory. A command sent with a
 * caller's `traceparent` must yield, in that caller's trace, the server span, the append, the
 * relay's publish, the inbox consumer's handling (performance's own org copy reads
 * performance.events), the service's store-fed projection (performance-read) and a Kafka-fed
 * projection runner on performance.events (as reporting's read models are fed). Each hop's parent
 * is checked, so a `traceparent` dropped anywhere (HTTP, stored metadata, Kafka header) breaks the
 * chain and fails the test.
 */
describe('tracing: one trace follows a command to its consumers and projections (real PostgreSQL and Kafka)', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let performanceDb: TestDatabase;
  let readDb: TestDatabase;
  let performance: INestApplication;
  let readSide: DataSource;
  let runner: ProjectionRunner;
  let pool: Pool;
  const applied: Envelope[] = [];
  /** A Kafka-fed projection of the org: it keeps what it applies in memory and owns no table (the runner still commits its checkpoint). */
  const kafkaFed: Projection = {
    name: 'trace-probe',
    version: 1,
    handles: ['performance.BusinessUnitRegistered'],
    tables: [],
    apply: async (batch) => {
      applied.push(...batch);
    },
  };
  let admin = '';
  const saved = { ...process.env };

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'performance', exporter });
    [performanceDb, readDb] = await Promise.all([createTestDatabase('trace_perf'), createTestDatabase('trace_read')]);
    process.env.PERFORMANCE_DATABASE_URL = performanceDb.url;
    process.env.KAFKA_TOPIC_PREFIX = `${uniqueName('tracing-it')}.`;
    process.env.LOG_LEVEL = 'warn';
    const { AppModule } = await import('./app.module');
    performance = await createServiceApp(AppModule, { title: 'performance', description: 'test' });
    await performance.init();
    readSide = new DataSource({ type: 'postgres', url: readDb.url, migrations: PROJECTION_STORE_MIGRATIONS, migrationsRun: true, poolSize: 4 });
    await readSide.initialize();
    runner = new ProjectionRunner({ projection: kafkaFed, dataSource: readSide, kafka: testKafka(), topics: [topicOf('performance')], groupId: uniqueName('trace-probe'), logger: silentLogger, lockRetryMs: 200 });
    await runner.start();
    pool = new Pool({ connectionString: performanceDb.url, max: 2 });
    admin = `Bearer ${await signDevToken({ sub: 'trace-admin', roles: ['admin'], bu: ['*'] })}`;
  });

  afterAll(async () => {
    await runner?.stop();
    await readSide?.destroy();
    await performance?.close();
    await pool?.end();
    await tracing?.shutdown();
    await Promise.all([performanceDb?.drop(), readDb?.drop()]);
    process.env = saved;
  });

  const hex = (bytes: number) => randomBytes(bytes).toString('hex');
  const spansOf = (traceId: string) => exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const named = (spans: ReadableSpan[], name: string) => spans.filter((s) => s.name === name);
  const one = (spans: ReadableSpan[], name: string): ReadableSpan => {
    const found = named(spans, name);
    if (found.length === 0) throw new Error(`no span "${name}" in the trace; it has: ${spans.map((s) => s.name).join(', ')}`);
    return found[0];
  };

  it('continues the caller\'s traceparent through the append, the relay, an inbox consumer and both kinds of projection', async () => {
    const traceId = hex(16);
    const callerSpanId = hex(8);
    const unit = `BU-TRACE-${hex(3)}`;
    await request(performance.getHttpServer())
      .post('/org/business-units')
      .set('authorization', admin)
      .set('traceparent', `00-${traceId}-${callerSpanId}-01`)
      .send({ businessUnitId: unit, name: 'Traced', parentId: null })
      .expect(201);

    const prefix = process.env.KAFKA_TOPIC_PREFIX;
    await eventually(
      async () => {
        const spans = spansOf(traceId);
        one(spans, `relay publish ${prefix}performance.log`);
        one(spans, `process ${prefix}performance.events`);
        one(spans, 'projection apply performance-read');
        one(spans, 'projection apply trace-probe');
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const spans = spansOf(traceId);

    // The server span: named by route template, a child of the caller's span.
    const server = one(spans, 'POST /org/business-units');
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(server.parentSpanContext?.spanId).toBe(callerSpanId);
    expect(server.attributes['http.route']).toBe('/org/business-units');
    expect(server.attributes['http.response.status_code']).toBe(201);

    // The append is the server span's child, and the stored event carries the append's context.
    const append = one(spans, 'event-store append');
    expect(append.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    const { rows } = await pool.query<{ metadata: string }>(`SELECT metadata FROM es.events WHERE type = 'BusinessUnitRegistered' AND data LIKE $1`, [`%"${unit}"%`]);
    expect(rows).toHaveLength(1);
    const stored = JSON.parse(rows[0].metadata).traceparent as string;
    expect(stored).toBe(`00-${traceId}-${append.spanContext().spanId}-01`);

    // Every hop after the store continues from the stored context: the relay's publish, the
    // consumer (its parent read from the Kafka header), the store-fed and the Kafka-fed projection.
    const publish = one(spans, `relay publish ${prefix}performance.log`);
    expect(publish.kind).toBe(SpanKind.PRODUCER);
    const consumer = one(spans, `process ${prefix}performance.events`);
    expect(consumer.kind).toBe(SpanKind.CONSUMER);
    for (const hop of [publish, consumer, one(spans, 'projection apply performance-read'), one(spans, 'projection apply trace-probe')]) {
      expect({ span: hop.name, parent: hop.parentSpanContext?.spanId }).toEqual({ span: hop.name, parent: append.spanContext().spanId });
    }
    // The Kafka-fed runner applied the event (its span is not an empty batch's).
    expect(applied.map((e) => (e.data as { businessUnitId: string }).businessUnitId)).toContain(unit);
    // No raw URL, id or body in any span: route templates and type names only.
    expect(JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes })))).not.toContain(unit);
  });

  it('continues a trace arriving from another context: the reaction\'s append is a child of its consumer span, and its events carry on', async () => {
    const [traceId, trainingAppend] = [hex(16), hex(8)];
    const employeeId = `E-TRACE-${hex(4)}`;
    // TrainingCompleted as training's relay puts it on training.events: the traceparent stored by its append, as a header.
    const completed = trainingCompleted(employeeId, { traceparent: `00-${traceId}-${trainingAppend}-01` });
    const producer = testKafka().producer();
    await producer.connect();
    await producer.send({ topic: topicOf('training'), messages: [toKafkaMessage(completed)] });
    await producer.disconnect();

    const prefix = process.env.KAFKA_TOPIC_PREFIX;
    await eventually(() => one(spansOf(traceId), `relay publish ${prefix}performance.log`), { timeoutMs: 60_000, intervalMs: 250 });
    const spans = spansOf(traceId);
    const consumer = one(spans, `process ${prefix}training.events`);
    expect(consumer.parentSpanContext?.spanId).toBe(trainingAppend);
    const append = one(spans, 'event-store append');
    expect(append.parentSpanContext?.spanId).toBe(consumer.spanContext().spanId);
    const { rows } = await pool.query<{ metadata: string }>('SELECT metadata FROM es.events WHERE stream_id = $1', [competencyStream(employeeId)]);
    expect(rows.map((r) => JSON.parse(r.metadata).traceparent)).toEqual([`00-${traceId}-${append.spanContext().spanId}-01`]);
    expect(one(spans, `relay publish ${prefix}performance.log`).parentSpanContext?.spanId).toBe(append.spanContext().spanId);
  });

  it('records nothing for the anonymous feedback route, whatever traceparent the caller sends', async () => {
    const traceId = hex(16);
    // Refused (no such cycle), but through the untraced route: the request must leave no span.
    await request(performance.getHttpServer())
      .post('/appraisal-cycles/C-NONE/appraisals/E-NONE/anonymous-feedback')
      .set('authorization', admin)
      .set('traceparent', `00-${traceId}-${hex(8)}-01`)
      .send({ feedbackId: '00000000-0000-4000-8000-000000000000', relation: 'peer', rating: 3, comment: 'x' });
    // A traced request afterwards, whose span proves the exporter is live when we look.
    const probe = hex(16);
    await request(performance.getHttpServer()).get('/org/business-units/BU-NONE').set('authorization', admin).set('traceparent', `00-${probe}-${hex(8)}-01`);
    await eventually(async () => expect(spansOf(probe).length).toBeGreaterThan(0), { timeoutMs: 5_000, intervalMs: 50 });
    expect(spansOf(traceId)).toEqual([]);
    expect(exporter.getFinishedSpans().filter((s) => String(s.attributes['http.route'] ?? '').includes('anonymous-feedback'))).toEqual([]);
  });
});
