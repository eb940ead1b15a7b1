import { Inject, Injectable, Module, OnModuleInit, type DynamicModule } from '@nestjs/common';
import { ORG_EVENT_TYPES, type Envelope } from '@tpm/contracts';
import type { InboxContext } from '@tpm/messaging';
import { HandlesEvent } from '@tpm/messaging';
import type { Pool } from 'pg';
import { OrgDirectory } from './org-directory';
import { applyOrgEvent } from './org-reference.reactions';
import { migrateOrgReference } from './org-reference.schema';

const DATABASE_URL = Symbol('ORG_REFERENCE_DATABASE_URL');

/** One reaction method per org event type, discovered by the messaging module's consumer. */
@Injectable()
export class OrgReferenceReactions implements OnModuleInit {
  constructor(@Inject(DATABASE_URL) private readonly databaseUrl: string) {}

  /** The tables come from their migration, as every read table does. */
  async onModuleInit(): Promise<void> {
    await migrateOrgReference(this.databaseUrl);
  }

  @HandlesEvent('performance.BusinessUnitRegistered') unitRegistered(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.BusinessUnitReparented') unitReparented(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.BusinessUnitRenamed') unitRenamed(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.EmployeeOnboarded') onboarded(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.EmployeeTransferred') transferred(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.EmployeeManagerChanged') managerChanged(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
  @HandlesEvent('performance.EmployeeOffboarded') offboarded(e: Envelope, ctx: InboxContext) { return applyOrgEvent(e, ctx.tx); }
}

export const ORG_REFERENCE_HANDLED_TYPES = ORG_EVENT_TYPES;

@Module({})
export class OrgReferenceModule {
  /** `configToken` provides the service's config (its own database URL, where the migration runs). */
  static forPool(poolToken: string | symbol, configToken: string | symbol): DynamicModule {
    return {
      module: OrgReferenceModule,
      providers: [
        { provide: DATABASE_URL, inject: [configToken], useFactory: (config: { databaseUrl: string }) => config.databaseUrl },
        OrgReferenceReactions,
        { provide: OrgDirectory, inject: [poolToken], useFactory: (pool: Pool) => new OrgDirectory(pool) },
      ],
      exports: [OrgDirectory],
    };
  }
}
