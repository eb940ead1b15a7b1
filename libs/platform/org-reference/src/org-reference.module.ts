import { Inject, Injectable, Module, OnModuleInit, type DynamicModule } from '@nestjs/common';
import { ORG_EVENT_TYPES, type Envelope } from '@tpm/contracts';
import type { InboxContext } from '@tpm/messaging';
import { HandlesEvent } from '@tpm/messaging';
import type { Pool } from 'pg';
import { OrgDirectory } from './org-directory';
import { applyOrgEvent } from './org-reference.reactions';
import { ensureOrgReferenceSchema } from './org-reference.schema';

const POOL = Symbol('ORG_REFERENCE_POOL');

/** One reaction method per org event type, discovered by the messaging module's consumer. */
@Injectable()
export class OrgReferenceReactions implements OnModuleInit {
  constructor(@Inject(POOL) private readonly pool: Pool) {}

  async onModuleInit(): Promise<void> {
    await ensureOrgReferenceSchema(this.pool);
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
  static forPool(poolToken: string | symbol): DynamicModule {
    return {
      module: OrgReferenceModule,
      providers: [
        { provide: POOL, useExisting: poolToken },
        OrgReferenceReactions,
        { provide: OrgDirectory, inject: [poolToken], useFactory: (pool: Pool) => new OrgDirectory(pool) },
      ],
      exports: [OrgDirectory],
    };
  }
}
