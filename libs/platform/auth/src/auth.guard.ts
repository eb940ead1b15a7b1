import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, Role } from '@tpm/kernel';
import type { Request } from 'express';
import { forbidden, unauthenticated } from './access-denied';
import { PUBLIC_KEY, READ_ONLY_OPERATION_KEY, ROLES_KEY } from './access.decorators';
import { InvalidToken, TokenVerifier } from './token/token-verifier';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate of every route (APP_GUARD): a route is public only by declaration; otherwise the
 * bearer token must verify (401), the route must declare its roles (403 if it forgot: nothing is
 * open by default), an auditor may only read (403), and the caller needs one of the roles (403).
 * Business-unit scope is checked after, by the controller, through the AccessPolicy.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const req = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const actor = await this.authenticate(req);
    req.actor = actor;

    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!required?.length) throw forbidden('ROUTE_NOT_DECLARED', 'This route declares no access rule and is closed');
    const readOnly = READ_METHODS.has(req.method) || this.reflector.getAllAndOverride<boolean>(READ_ONLY_OPERATION_KEY, targets);
    if (actor.roles.includes('auditor') && !readOnly) {
      throw forbidden('AUDITOR_READ_ONLY', 'Auditors have read-only access');
    }
    if (!actor.roles.some((r) => required.includes(r))) {
      throw forbidden('ROLE_REQUIRED', `This route needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }

  private async authenticate(req: Request): Promise<Actor> {
    const header = req.header('authorization');
    if (!header) throw unauthenticated('TOKEN_MISSING', 'A bearer token is required (Authorization: Bearer <jwt>)');
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\s*$/i.exec(header);
    if (!match || header.length > 16_384) throw unauthenticated('TOKEN_INVALID', 'The Authorization header must be "Bearer <jwt>"');
    try {
      return await this.verifier.verify(match[1]);
    } catch (e) {
      if (e instanceof InvalidToken) throw unauthenticated(e.code, e.message);
      throw e;
    }
  }
}
