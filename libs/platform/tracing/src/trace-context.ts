import {
  context,
  INVALID_SPAN_CONTEXT,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import { suppressTracing, W3CTraceContextPropagator } from '@opentelemetry/core';
import { tracingStarted } from './tracing-state';

/**
 * The platform's spans all come from this tracer. Without a started SDK (`startTracing`) it is the
 * API's no-op tracer: spans are non-recording, nothing is kept or sent.
 */
export const tracer = () => trace.getTracer('@tpm/platform');

/**
 * `traceparent` is the only header the platform carries (event metadata, Kafka headers), so the
 * W3C propagator is used directly rather than the global one: the stored value means the same
 * whatever propagator an operator configures for other libraries.
 */
const w3c = new W3CTraceContextPropagator();

/** Kafka header values (Buffer, string or a list of them) and HTTP header records, read as text. */
const headerGetter: TextMapGetter<Record<string, unknown> | undefined> = {
  keys: (carrier) => Object.keys(carrier ?? {}),
  get: (carrier, key) => {
    const raw = carrier?.[key];
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (first === undefined || first === null) return undefined;
    return Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  },
};

/** The context whose remote parent is the carrier's `traceparent` (HTTP headers, Kafka headers); ROOT when it has none or it is invalid. */
export const contextFromHeaders = (headers: Record<string, unknown> | undefined): Context => w3c.extract(ROOT_CONTEXT, headers, headerGetter);

/** The context whose remote parent is a stored `traceparent` value. */
export const contextFromTraceparent = (traceparent: string | null | undefined): Context =>
  traceparent ? contextFromHeaders({ traceparent }) : ROOT_CONTEXT;

/** A carrier's `traceparent` (Kafka headers as Buffers too), normalised; null when absent or invalid. */
export const traceparentOfHeaders = (headers: Record<string, unknown> | undefined): string | null => traceparentOf(contextFromHeaders(headers));

/** The `traceparent` of a context's span, or null when it has no valid one (or tracing is suppressed there). */
export const traceparentOf = (ctx: Context): string | null => {
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, { set: (c, k, v) => (c[k] = v) });
  return carrier.traceparent ?? null;
};

/**
 * The `traceparent` of the span active now: set only while tracing runs and a span is active
 * (the HTTP request's, a consumer's, an append's). Without tracing there is none, and callers keep
 * what they were given (the caller's own header), as before tracing existed.
 */
export const activeTraceparent = (): string | null => (tracingStarted() ? traceparentOf(context.active()) : null);

/**
 * The context a unit of work continues: the active one when a span is active there, else the
 * active one with `traceparent` as its remote parent (a command given the trace of its caller or
 * its cause, run where no span is active). What the active context carries besides (tracing
 * suppressed on an untraced route) is kept.
 */
export const continuing = (traceparent: string | null | undefined): Context => {
  const active = context.active();
  if (!tracingStarted() || trace.getSpan(active)) return active;
  const remote = trace.getSpanContext(contextFromTraceparent(traceparent));
  return remote ? trace.setSpanContext(active, remote) : active;
};

/** The active context with tracing suppressed: nothing under it records a span or yields a `traceparent`. */
export const untraced = (): Context => suppressTracing(context.active());

/** At most this many links per span: a batch of 500 events still yields a span of bounded size. */
export const MAX_LINKS = 128;

/**
 * Where a span over several messages comes from: one distinct trace context is its parent; several
 * are links (a span has one parent), and the span starts a trace of its own.
 */
export const originsOf = (traceparents: (string | null | undefined)[]): { parent: Context; links: Link[] } => {
  const distinct = [...new Set(traceparents.filter((t): t is string => !!t))]
    .map((t) => trace.getSpanContext(contextFromTraceparent(t)))
    .filter((s): s is NonNullable<typeof s> => s !== undefined && trace.isSpanContextValid(s));
  if (distinct.length === 1) return { parent: trace.setSpanContext(ROOT_CONTEXT, distinct[0]), links: [] };
  return { parent: ROOT_CONTEXT, links: distinct.slice(0, MAX_LINKS).map((c) => ({ context: c })) };
};

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
}

/**
 * Runs `fn` inside a new span under `parent` (the active context by default) and ends it when `fn`
 * settles; a throw marks the span as an error and is rethrown unchanged.
 */
export const inSpan = async <T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T>, parent: Context = context.active()): Promise<T> =>
  // Off: not even the no-op span's bookkeeping, nor the caller's attributes.
  !tracingStarted() ? fn(trace.wrapSpanContext(INVALID_SPAN_CONTEXT)) : tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes, links: options.links }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error)?.message });
      throw e;
    } finally {
      span.end();
    }
  });

export { SpanKind, SpanStatusCode };
