import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '@tpm/kernel';
import type { Request } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import { AUDITED_READ_KEY } from '../access.decorators';
import { AccessLog } from './access-log';

type AuditedRequest = Request & { actor?: Actor; correlationId?: string; accessRecorded?: boolean };

/**
 * Records an @AuditedRead read once per request, before anything can refuse it (a scope guard
 * records through here too, so a refused attempt leaves its trace as before).
 */
export async function recordAuditedRead(log: AccessLog, req: AuditedRequest, resource: string): Promise<void> {
  if (req.accessRecorded || !req.actor) return;
  req.accessRecorded = true;
  await log.record({
    subject: req.actor.subject,
    roles: req.actor.roles,
    resource,
    method: req.method,
    path: req.originalUrl.split('?')[0],
    query: { ...(req.params ?? {}), ...(req.query as Record<string, unknown>) },
    correlationId: req.correlationId ?? null,
  });
}

/**
 * Records an @AuditedRead route's caller and query before the handler runs. The insert is awaited:
 * if the read cannot be recorded it is not served (an unrecorded audit read would be a gap).
 */
@Injectable()
export class AccessLogInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @Inject(AccessLog) private readonly log: AccessLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const resource = this.reflector.get<string | undefined>(AUDITED_READ_KEY, context.getHandler());
    const req = context.switchToHttp().getRequest<AuditedRequest>();
    if (!resource || !req.actor) return next.handle();
    return from(recordAuditedRead(this.log, req, resource)).pipe(switchMap(() => next.handle()));
  }
}
