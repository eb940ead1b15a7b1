import { DynamicModule, Global, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { createLogger } from '@tpm/logging';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { Pool } from 'pg';
import { ACCESS_POLICY } from './access-policy';
import { AccessLog } from './access-log/access-log';
import { AccessLogController } from './access-log/access-log.controller';
import { AccessLogInterceptor } from './access-log/access-log.interceptor';
import { AuthGuard } from './auth.guard';
import { OrgScopePolicy } from './org-scope.policy';
import { ORG_SCOPE_SOURCE, SqlOrgScopeSource, type OrgScopeSource } from './org-scope.source';
import { loadAuthConfig, type AuthConfig } from './token/auth.config';
import { TokenVerifier } from './token/token-verifier';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

export interface AuthModuleOptions {
  /** The service's own pg Pool: its org copy is read and its access log written there. */
  poolToken: string | symbol;
  /** Where the local org copy lives; default: the org_reference tables of OrgReferenceModule. */
  orgScope?: (pool: Pool) => OrgScopeSource;
}

@Injectable()
class AccessLogSchema implements OnModuleInit {
  constructor(@Inject(AccessLog) private readonly log: AccessLog) {}
  onModuleInit() {
    return this.log.ensureSchema();
  }
}

const logger = createLogger('auth');

/**
 * Authentication and access on every route of a service: the global guard, the business-unit
 * policy over the service's local org copy, and the audit of history reads with its admin listing.
 */
@Global()
@Module({})
export class AuthModule {
  static forService(options: AuthModuleOptions): DynamicModule {
    return {
      module: AuthModule,
      controllers: [AccessLogController],
      providers: [
        {
          provide: AUTH_CONFIG,
          useFactory: (): AuthConfig => {
            // Throws a clear AuthConfigurationError at boot: a service never starts half-secured.
            const config = loadAuthConfig(process.env);
            if (config.mode === 'dev') {
              logger.warn(
                { key: config.usesPublicDefault ? 'public development key' : 'AUTH_DEV_SECRET' },
                'DEVELOPMENT authentication: HS256 development tokens are accepted; production requires AUTH_MODE=jwks',
              );
            }
            return config;
          },
        },
        { provide: TokenVerifier, inject: [AUTH_CONFIG], useFactory: (c: AuthConfig) => new TokenVerifier(c) },
        {
          provide: ORG_SCOPE_SOURCE,
          inject: [options.poolToken],
          useFactory: (pool: Pool) => (options.orgScope ? options.orgScope(pool) : new SqlOrgScopeSource(pool)),
        },
        { provide: ACCESS_POLICY, inject: [ORG_SCOPE_SOURCE], useFactory: (s: OrgScopeSource) => new OrgScopePolicy(s) },
        { provide: AccessLog, inject: [options.poolToken], useFactory: (pool: Pool) => new AccessLog(pool) },
        AccessLogSchema,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
      ],
      exports: [ACCESS_POLICY, TokenVerifier, AccessLog, ORG_SCOPE_SOURCE],
    };
  }
}
