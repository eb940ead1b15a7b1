import { randomBytes } from 'node:crypto';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import express from 'express';
import request from 'supertest';
import { activeTraceparent, inSpan, startTracing, tracingStarted } from '@tpm/tracing';
import { loadServiceConfig } from '../config/service-config';
import { declareUntracedRoutes } from '../http/request-context';
import { httpTracingMiddleware } from './http-tracing';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** A service's HTTP edge in miniature: the tracing middleware, then routes that do what a command does (an append in a span). */
const appWith = () => {
  const app = express();
  app.use(httpTracingMiddleware);
  app.use(express.json());
  const command = async (_req: express.Request, res: express.Response) => {
    const stored = await inSpan('event-store append', {}, async () => activeTraceparent());
    res.status(201).json({ stored });
  };
  app.post('/anonymous', command);
  app.post('/named/:id', command);
  return app;
};

describe('tracing off (the default)', () => {
  const exporter = new InMemorySpanExporter();
  // A provider registered by hand, as another library in the process could: the platform still makes no span of its own.
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

  beforeAll(() => provider.register({ contextManager: new AsyncLocalStorageContextManager() }));
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('is what the configuration says without OTEL_TRACES_EXPORTER, and OTEL_SDK_DISABLED wins over an exporter', () => {
    const base = { DATABASE_URL: 'postgres://u@h/db', KAFKA_BROKERS: 'h:9092' };
    expect(loadServiceConfig('training', base).tracing).toEqual({ exporter: 'none', serviceName: 'training', sampler: 'parentbased_always_on', samplerArg: 1 });
    expect(loadServiceConfig('training', { ...base, OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }).tracing.exporter).toBe('none');
    expect(tracingStarted()).toBe(false);
  });

  it('records no span for a request and its append, and the command stores no trace context of its own', async () => {
    const res = await request(appWith()).post('/named/1').set('traceparent', `00-${hex(16)}-${hex(8)}-01`).send({}).expect(201);
    // Nothing active: the command falls back to the caller's header, as before tracing existed.
    expect(res.body.stored).toBeNull();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});

describe('tracing on', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: ReturnType<typeof startTracing>;

  beforeAll(() => {
    tracing = startTracing({ serviceName: 'unit', exporter });
    declareUntracedRoutes([/^\/anonymous$/]);
  });
  afterAll(async () => {
    declareUntracedRoutes([]);
    await tracing.shutdown();
  });
  beforeEach(() => exporter.reset());

  it('records nothing at all for an untraced route, not even the append, whatever traceparent is sent', async () => {
    const res = await request(appWith()).post('/anonymous').set('traceparent', `00-${hex(16)}-${hex(8)}-01`).send({ a: 1 }).expect(201);
    expect(res.body.stored).toBeNull();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('makes a server span named by the route template, a child of the caller, active through the body parser down to the append', async () => {
    const traceId = hex(16);
    const caller = hex(8);
    const res = await request(appWith()).post('/named/ID-42').set('traceparent', `00-${traceId}-${caller}-01`).send({ a: 1 }).expect(201);
    await tracing.flush();
    const spans = exporter.getFinishedSpans();
    const server = spans.find((s) => s.kind === SpanKind.SERVER)!;
    const append = spans.find((s) => s.name === 'event-store append')!;
    expect(server).toMatchObject({ name: 'POST /named/:id', parentSpanContext: expect.objectContaining({ spanId: caller }) });
    expect(server.spanContext().traceId).toBe(traceId);
    expect(append.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    // What the command stores is the append's own context, in the caller's trace.
    expect(res.body.stored).toBe(`00-${traceId}-${append.spanContext().spanId}-01`);
    // The raw URL, with its id, is in no span.
    expect(JSON.stringify(spans.map((s) => [s.name, s.attributes]))).not.toContain('ID-42');
  });

  it('starts a new trace when the caller sends none, or an invalid one', async () => {
    await request(appWith()).post('/named/1').set('traceparent', 'not-a-traceparent').send({}).expect(201);
    const server = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER)!;
    expect(server.parentSpanContext).toBeUndefined();
    expect(trace.isSpanContextValid(server.spanContext())).toBe(true);
  });
});
