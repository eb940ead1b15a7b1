import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '@tpm/kernel';

export interface RequestContext {
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  traceparent: string | null;
}

type ContextualRequest = Request & { correlationId?: string; actor?: Actor };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Accepts the caller's correlation id when it is a UUID (so chains cross services), else starts one. */
export function correlationMiddleware(req: ContextualRequest, res: Response, next: NextFunction) {
  const given = req.header('x-correlation-id');
  req.correlationId = given && UUID.test(given) ? given.toLowerCase() : randomUUID();
  res.setHeader('x-correlation-id', req.correlationId);
  next();
}

/** Until authentication is wired (security issue), requests act as an unauthenticated caller. */
const ANONYMOUS: Actor = { subject: 'anonymous', roles: [] };

export const Ctx = createParamDecorator((_: unknown, host: ExecutionContext): RequestContext => {
  const req = host.switchToHttp().getRequest<ContextualRequest>();
  return {
    actor: req.actor ?? ANONYMOUS,
    correlationId: req.correlationId ?? randomUUID(),
    causationId: null,
    traceparent: req.header('traceparent') ?? null,
  };
});
