import { context, trace } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import { contextFromHeaders, SpanKind, SpanStatusCode, tracer, tracingStarted } from '@tpm/tracing';
import type { NextFunction, Response } from 'express';
import { isUntraced, type TracedRequest } from '../http/request-context';
import { METRICS_PATH, routeTemplate } from '../metrics/http-metrics';

/** Polled by probes and scrapers: a span each would bury the traces worth reading. */
const NOT_TRACED = new Set(['/health', METRICS_PATH]);

/**
 * The server span of a request, mounted by `configureHttp` right after the metrics middleware.
 * Its parent is the caller's W3C `traceparent`; it is active for the rest of the request (the
 * request and response emitters are bound to it, so the body parser's callbacks keep it), and so
 * the command's append and the events it stores continue this trace. Named by method and route
 * template once routed; the raw URL, with its ids, is never recorded.
 *
 * An untraced route (anonymous feedback, ADR 0017) records nothing: no span, and tracing is
 * suppressed for everything the request does, so not even the append leaves a timed span.
 * Without a started SDK this is one boolean check.
 */
export function httpTracingMiddleware(req: TracedRequest, res: Response, next: NextFunction): void {
  if (!tracingStarted()) return next();
  const path = (req.originalUrl ?? req.url).split('?')[0];
  if (NOT_TRACED.has(path)) return next();
  if (isUntraced(req)) {
    const suppressed = suppressTracing(context.active());
    context.bind(suppressed, req);
    context.bind(suppressed, res);
    return context.with(suppressed, next);
  }
  const span = tracer().startSpan(req.method, { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: req.method } }, contextFromHeaders(req.headers));
  req.traceSpan = span;
  const active = trace.setSpan(context.active(), span);
  let ended = false;
  const end = (status: number | 'aborted') => {
    if (ended) return;
    ended = true;
    const route = routeTemplate(req);
    span.updateName(`${req.method} ${route}`);
    span.setAttribute(ATTR_HTTP_ROUTE, route);
    if (status === 'aborted') span.setStatus({ code: SpanStatusCode.ERROR, message: 'the caller left before the answer' });
    else {
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
      // A 4xx is the caller's mistake, not the server's (OpenTelemetry's HTTP server conventions).
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  };
  res.once('finish', () => end(res.statusCode));
  res.once('close', () => end('aborted'));
  context.bind(active, req);
  context.bind(active, res);
  context.with(active, next);
}
