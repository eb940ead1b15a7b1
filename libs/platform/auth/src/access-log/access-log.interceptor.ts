import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '@tpm/kernel';
import type { Request } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import { AUDITED_READ_KEY } from '../access.decorators';
import { AccessLog } from './access-log';

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
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor; correlationId?: string }>();
    if (!resource || !req.actor) return next.handle();
    const entry = {
      subject: req.actor.subject,
      roles: req.actor.roles,
      resource,
      method: req.method,
      path: req.originalUrl.split('?')[0],
      query: { ...(req.params ?? {}), ...(req.query as Record<string, unknown>) },
      correlationId: req.correlationId ?? null,
    };
    return from(this.log.record(entry)).pipe(switchMap(() => next.handle()));
  }
}
