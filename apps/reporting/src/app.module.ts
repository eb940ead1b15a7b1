import { Module } from '@nestjs/common';
import { AuthModule, SqlOrgScopeSource } from '@tpm/auth';
import { AuditQueries, ORG_TABLES, OrgQueries, openReportingDatabase } from '@tpm/reporting-projections';
import { PG_POOL, SERVICE_CONFIG, ServiceKitModule, type ServiceConfig } from '@tpm/service-kit';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AuditController } from './http/audit/audit.controller';
import { OrgController } from './http/org/org.controller';
import { ProjectionsController } from './http/projections.controller';
import { ProjectionsLifecycle } from './projections.lifecycle';

/**
 * The reporting service: no commands of its own. It projects every context's events into read
 * models (TypeORM, migrations only) and serves dashboards, analysts and the audit trail.
 */
@Module({
  imports: [
    ServiceKitModule.forService('reporting'),
    // Reporting keeps no org_reference copy: its org-structure read model is the copy it scopes by.
    AuthModule.forService({ poolToken: PG_POOL, orgScope: (pool: Pool) => new SqlOrgScopeSource(pool, ORG_TABLES) }),
  ],
  controllers: [OrgController, AuditController, ProjectionsController],
  providers: [
    { provide: DataSource, inject: [SERVICE_CONFIG], useFactory: (c: ServiceConfig) => openReportingDatabase(c.databaseUrl) },
    { provide: OrgQueries, inject: [DataSource], useFactory: (ds: DataSource) => new OrgQueries(ds) },
    { provide: AuditQueries, inject: [DataSource], useFactory: (ds: DataSource) => new AuditQueries(ds) },
    ProjectionsLifecycle,
  ],
})
export class AppModule {}
