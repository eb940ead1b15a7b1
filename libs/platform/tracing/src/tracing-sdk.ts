import { context, diag, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { createLogger } from '@tpm/logging';
import { LogSpanExporter } from './log-span-exporter';
import { markTracingStarted } from './tracing-state';

export const TRACES_EXPORTERS = ['none', 'otlp', 'console'] as const;
export type TracesExporter = (typeof TRACES_EXPORTERS)[number];

export const TRACES_SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const;
export type TracesSampler = (typeof TRACES_SAMPLERS)[number];

export interface TracingOptions {
  serviceName: string;
  /**
   * `otlp`: OTLP over HTTP (protobuf-free JSON), to `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or
   * `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces` (the exporter reads them, and the OTLP headers and
   * timeout variables, itself). `console`: one log line per span through the project's logger.
   * A `SpanExporter` instance (tests: an in-memory one) is exported to synchronously.
   */
  exporter: Exclude<TracesExporter, 'none'> | SpanExporter;
  sampler?: TracesSampler;
  /** The ratio of `traceidratio` samplers, 0..1; default 1. */
  samplerArg?: number;
}

export interface Tracing {
  readonly serviceName: string;
  /** Sends what is buffered (the batch processor holds spans up to 5 s). */
  flush(): Promise<void>;
  /** Flushes, then unregisters: the API is a no-op again. */
  shutdown(): Promise<void>;
}

let started: (Tracing & { provider: NodeTracerProvider }) | null = null;

const samplerOf = (name: TracesSampler = 'parentbased_always_on', ratio = 1): Sampler => {
  switch (name) {
    case 'always_on': return new AlwaysOnSampler();
    case 'always_off': return new AlwaysOffSampler();
    case 'traceidratio': return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_on': return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off': return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio': return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
  }
};

const processorOf = (exporter: TracingOptions['exporter']): SpanProcessor => {
  if (exporter === 'otlp') return new BatchSpanProcessor(new OTLPTraceExporter());
  if (exporter === 'console') return new SimpleSpanProcessor(new LogSpanExporter(createLogger('tracing')));
  return new SimpleSpanProcessor(exporter);
};

/**
 * Starts the OpenTelemetry SDK once per process: a tracer provider with the W3C trace-context
 * propagator and an AsyncLocalStorage context manager, so the active span follows awaits. A second
 * call returns the running one (several Nest apps share a test process). Export failures are
 * warnings through the project's logger, never errors thrown into a request.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (started) return started;
  const log = createLogger('tracing');
  diag.setLogger(
    {
      error: (message, ...args) => log.warn({ detail: args.map(String) }, message),
      warn: (message, ...args) => log.warn({ detail: args.map(String) }, message),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    DiagLogLevel.WARN,
  );
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    sampler: samplerOf(options.sampler, options.samplerArg),
    spanProcessors: [processorOf(options.exporter)],
  });
  provider.register({ contextManager: new AsyncLocalStorageContextManager(), propagator: new W3CTraceContextPropagator() });
  const running = {
    provider,
    serviceName: options.serviceName,
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      if (started !== running) return;
      started = null;
      markTracingStarted(false);
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      diag.disable();
    },
  };
  started = running;
  markTracingStarted(true);
  log.info({ serviceName: options.serviceName, exporter: typeof options.exporter === 'string' ? options.exporter : 'custom', sampler: options.sampler ?? 'parentbased_always_on' }, 'tracing started');
  return running;
}

/** The running SDK, if any. */
export const runningTracing = (): Tracing | null => started;
