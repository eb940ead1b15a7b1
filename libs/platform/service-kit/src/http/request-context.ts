import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ROOT_CONTEXT, trace, type Span } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { IfMatch } from '@tpm/event-store';
import type { Actor } from '@tpm/kernel';
import { traceparentOf } from '@tpm/tracing';
import { ifMatchOf } from './entity-tag';

export interface RequestContext {
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  traceparent: string | null;
  /** The `If-Match` header bound to the route's stream (see `AggregateETag`); `execute` checks it. */
  ifMatch?: IfMatch;
}

type ContextualRequest = Request & { correlationId?: string; actor?: Actor };

/** A request with its server span (`httpTracingMiddleware`), when tracing runs and the route is traced. */
export type TracedRequest = Request & { traceSpan?: Span };

/**
 * What the request's events store as `traceparent`: the server span's own when tracing runs (so
 * consumers and projections continue this request's trace), else the caller's header as sent.
 */
const traceparentToStore = (req: ContextualRequest & TracedRequest): string | null =>
  req.traceSpan ? traceparentOf(trace.setSpan(ROOT_CONTEXT, req.traceSpan)) : (req.header('traceparent') ?? null);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let untracedRoutes: RegExp[] = [];

/**
 * Routes whose requests must leave no trace of their caller (anonymous feedback, the named
 * exception to tracing): their correlation id and traceparent are ignored and not echoed, and
 * they write no request log line. Set once per process by `ServiceKitModule.forService`.
 */
export const declareUntracedRoutes = (routes: RegExp[]): void => {
  untracedRoutes = [...routes];
};

/** Whether the request is on an untraced route (path only: the query string is not looked at). */
export const isUntraced = (req: { originalUrl?: string; url?: string }): boolean => {
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0];
  return untracedRoutes.some((r) => r.test(path));
};

/** Accepts the caller's correlation id when it is a UUID (so chains cross services), else starts one. */
export function correlationMiddleware(req: ContextualRequest, res: Response, next: NextFunction) {
  if (isUntraced(req)) {
    // A fresh id that is never returned: nothing can tie the request to the caller's other ones.
    req.correlationId = randomUUID();
    return next();
  }
  const given = req.header('x-correlation-id');
  req.correlationId = given && UUID.test(given) ? given.toLowerCase() : randomUUID();
  res.setHeader('x-correlation-id', req.correlationId);
  next();
}

/** Only public routes (health) run without a verified caller; nothing they do is recorded as an actor. */
const ANONYMOUS: Actor = { subject: 'anonymous', roles: [] };

export const Ctx = createParamDecorator((_: unknown, host: ExecutionContext): RequestContext => {
  const req = host.switchToHttp().getRequest<ContextualRequest>();
  return {
    // The audit trail records who (subject) acting as what (roles); the token's business units and
    // employee id are access data, read through @Caller(), and stay out of the immutable event log.
    actor: req.actor ? { subject: req.actor.subject, roles: [...req.actor.roles] } : ANONYMOUS,
    correlationId: req.correlationId ?? randomUUID(),
    causationId: null,
    traceparent: isUntraced(req) ? null : traceparentToStore(req),
    ...(req.header('if-match') === undefined ? {} : { ifMatch: ifMatchOf(host) }),
  };
});
