import { Module } from '@nestjs/common';
import { AuthModule, SqlOrgScopeSource } from '@tpm/auth';
import { CONTEXTS, logTopicOf, topicOf } from '@tpm/contracts';
import { ProjectionsModule } from '@tpm/projections';
import { AuditQueries, DashboardQueries, ORG_TABLES, OrgQueries, openReportingDatabase, reportingProjectionRegistrations } from '@tpm/reporting-projections';
import { PG_POOL, ServiceKitModule } from '@tpm/service-kit';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AuditController } from './http/audit/audit.controller';
import { AppraisalExportController } from './http/dashboards/appraisal-export.controller';
import { CoachingDashboardController } from './http/dashboards/coaching-dashboard.controller';
import { DashboardFilter } from './http/dashboards/dashboard-filter';
import { OrgDashboardController } from './http/dashboards/org-dashboard.controller';
import { PerformanceDashboardController } from './http/dashboards/performance-dashboard.controller';
import { RewardsDashboardController } from './http/dashboards/rewards-dashboard.controller';
import { TimelineController, TimelineEmployeeUnit } from './http/dashboards/timeline.controller';
import { TrainingDashboardController } from './http/dashboards/training-dashboard.controller';
import { OrgController } from './http/org/org.controller';

/**
 * The reporting service: no commands of its own. It projects every context's events into read
 * models (TypeORM, migrations only) and serves dashboards, analysts and the audit trail.
 */
@Module({
  imports: [
    ServiceKitModule.forService('reporting'),
    // Reporting keeps no org_reference copy: its org-structure read model is the copy it scopes by.
    AuthModule.forService({ poolToken: PG_POOL, orgScope: (pool: Pool) => new SqlOrgScopeSource(pool, ORG_TABLES) }),
    ProjectionsModule.forService({
      openDatabase: openReportingDatabase,
      registrations: reportingProjectionRegistrations,
      // Reporting may start before the producers: their topics must exist before it subscribes.
      topics: () => CONTEXTS.filter((c) => c !== 'reporting').flatMap((c) => [topicOf(c), logTopicOf(c)]),
    }),
  ],
  controllers: [
    OrgController,
    AuditController,
    OrgDashboardController,
    PerformanceDashboardController,
    AppraisalExportController,
    TrainingDashboardController,
    CoachingDashboardController,
    RewardsDashboardController,
    TimelineController,
  ],
  providers: [
    { provide: OrgQueries, inject: [DataSource], useFactory: (ds: DataSource) => new OrgQueries(ds) },
    { provide: AuditQueries, inject: [DataSource], useFactory: (ds: DataSource) => new AuditQueries(ds) },
    { provide: DashboardQueries, inject: [DataSource], useFactory: (ds: DataSource) => new DashboardQueries(ds) },
    DashboardFilter,
    TimelineEmployeeUnit,
  ],
})
export class AppModule {}
