import { Module } from '@nestjs/common';
import { AuditQueries, OrgQueries, openReportingDatabase } from '@tpm/reporting-projections';
import { SERVICE_CONFIG, ServiceKitModule, type ServiceConfig } from '@tpm/service-kit';
import { DataSource } from 'typeorm';
import { AuditController } from './http/audit.controller';
import { OrgController } from './http/org.controller';
import { ProjectionsController } from './http/projections.controller';
import { ProjectionsLifecycle } from './projections.lifecycle';

/**
 * The reporting service: no commands of its own. It projects every context's events into read
 * models (TypeORM, migrations only) and serves dashboards, analysts and the audit trail.
 */
@Module({
  imports: [ServiceKitModule.forService('reporting')],
  controllers: [OrgController, AuditController, ProjectionsController],
  providers: [
    { provide: DataSource, inject: [SERVICE_CONFIG], useFactory: (c: ServiceConfig) => openReportingDatabase(c.databaseUrl) },
    { provide: OrgQueries, inject: [DataSource], useFactory: (ds: DataSource) => new OrgQueries(ds) },
    { provide: AuditQueries, inject: [DataSource], useFactory: (ds: DataSource) => new AuditQueries(ds) },
    ProjectionsLifecycle,
  ],
})
export class AppModule {}
