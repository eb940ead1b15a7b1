import { CanActivate, ExecutionContext, HttpException, Inject, Injectable, type ArgumentMetadata, type Type } from '@nestjs/common';
import { PARAMTYPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModuleRef, Reflector } from '@nestjs/core';
import { ACCESS_POLICY, AccessLog, AUDITED_READ_KEY, checkRecordScope, RECORD_SCOPE_KEY, recordAuditedRead, SCOPE_NOT_YET_KNOWN, SCOPE_RETRY_AFTER_SECONDS, type AccessPolicy, type RecordUnitResolver, type ScopeInput, type ScopeRule } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import type { Request, Response } from 'express';
import { strictValidationPipe } from './validation.pipe';

const VALIDATED: Partial<Record<RouteParamtypes, ArgumentMetadata['type']>> = {
  [RouteParamtypes.BODY]: 'body',
  [RouteParamtypes.QUERY]: 'query',
  [RouteParamtypes.PARAM]: 'param',
};

/**
 * Runs a route's `@RecordScope` rules after the AuthGuard. Scope is checked on validated input:
 * the route's DTOs go through the strict pipe first, so malformed input stays the 400 naming its
 * fields and never reaches the org copy or a record lookup (the handler's pipes validate again).
 * An @AuditedRead route is recorded in the access log first, so a refused attempt leaves its trace.
 */
@Injectable()
export class RecordScopeGuard implements CanActivate {
  private readonly pipe = strictValidationPipe();

  constructor(
    private readonly reflector: Reflector,
    private readonly modules: ModuleRef,
    @Inject(ACCESS_POLICY) private readonly policy: AccessPolicy,
    @Inject(AccessLog) private readonly log: AccessLog,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rules = this.reflector.get<ScopeRule[] | undefined>(RECORD_SCOPE_KEY, context.getHandler());
    if (!rules?.length) return true;
    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    // The AuthGuard runs first on every declared route; a scoped route without a caller is a wiring bug.
    if (!req.actor) throw new Error('@RecordScope on a route the auth guard did not authenticate');
    // An audited read is recorded before its input or scope can refuse it, as when the check ran in the handler.
    const audited = this.reflector.get<string | undefined>(AUDITED_READ_KEY, context.getHandler());
    if (audited) await recordAuditedRead(this.log, req, audited);
    const input = await this.validated(context, req);
    try {
      await checkRecordScope(rules, input, req.actor, this.policy, (type) => this.modules.get<RecordUnitResolver>(type, { strict: false }));
    } catch (e) {
      // The local org copy has not seen what the caller names yet: tell them when to try again.
      if (isScopeNotYetKnown(e)) context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(SCOPE_RETRY_AFTER_SECONDS));
      throw e;
    }
    return true;
  }

  private async validated(context: ExecutionContext, req: Request): Promise<ScopeInput> {
    const controller = context.getClass() as Type<unknown>;
    const method = context.getHandler().name;
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: string }>;
    const types = (Reflect.getMetadata(PARAMTYPES_METADATA, controller.prototype as object, method) ?? []) as Type<unknown>[];
    const input: ScopeInput = { params: req.params ?? {}, body: req.body, query: (req.query ?? {}) as Record<string, unknown> };
    for (const [key, { index, data }] of Object.entries(args)) {
      const type = VALIDATED[Number(key.split(':')[0]) as RouteParamtypes];
      if (!type) continue;
      const whole = type === 'body' ? req.body : type === 'query' ? req.query : req.params;
      const value = await this.pipe.transform(data ? (whole as Record<string, unknown> | undefined)?.[data] : whole, { type, metatype: types[index], data });
      if (data) continue;
      if (type === 'body') input.body = value;
      else if (type === 'query') input.query = value as Record<string, unknown>;
      else input.params = value as Record<string, unknown>;
    }
    return input;
  }
}

const isScopeNotYetKnown = (e: unknown) =>
  e instanceof HttpException && (e.getResponse() as { code?: unknown } | string | undefined) instanceof Object && (e.getResponse() as { code?: unknown }).code === SCOPE_NOT_YET_KNOWN;
