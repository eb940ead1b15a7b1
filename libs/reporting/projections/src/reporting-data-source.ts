import { ProjectionParked1760000001000, ProjectionStore1760000000000 } from '@tpm/projections';
import { DataSource } from 'typeorm';
import { AuditEventRow } from './audit-trail/audit-event.entity';
import { AuditTrail1760000000200 } from './audit-trail/audit-trail.migration';
import { BusinessUnitRow, EmployeeRow } from './org-structure/org-structure.entities';
import { OrgEmployeesWithoutNames1760000001110, OrgStructure1760000000100 } from './org-structure/org-structure.migration';
import { CalibrationCellTimes1760000001330, DashboardCells1760000001200, DashboardCellTimes1760000001320, RewardGrantCellTimes1760000001340, DashboardCellLevels1760000001350 } from './read-models/dashboard-cells.migration';
import { AnalystRole1760000000801, AppraisalPageIndexes1760000001310, ReportingReadModels1760000000800 } from './read-models/read-models.migration';
import { TrainingPlanBudgets1760000000802 } from './read-models/training-budgets.projection';
import { HeadcountMonths1760000001360 } from './read-models/org-history.projection';
import { TrainingEffect1760000001300 } from './read-models/training-effect.projection';

export const REPORTING_ENTITIES = [BusinessUnitRow, EmployeeRow, AuditEventRow];
export const REPORTING_MIGRATIONS = [
  ProjectionStore1760000000000,
  OrgStructure1760000000100,
  AuditTrail1760000000200,
  ReportingReadModels1760000000800,
  AnalystRole1760000000801,
  TrainingPlanBudgets1760000000802,
  ProjectionParked1760000001000,
  OrgEmployeesWithoutNames1760000001110,
  DashboardCells1760000001200,
  TrainingEffect1760000001300,
  AppraisalPageIndexes1760000001310,
  DashboardCellTimes1760000001320,
  CalibrationCellTimes1760000001330,
  RewardGrantCellTimes1760000001340,
  DashboardCellLevels1760000001350,
  HeadcountMonths1760000001360,
];

export interface ReportingDataSourceOptions {
  /** Run pending migrations on initialize (services); off for tools that run them explicitly. */
  migrationsRun?: boolean;
  poolSize?: number;
}

/** The reporting database: schema only through migrations, never `synchronize`. */
export function reportingDataSource(url: string, opts: ReportingDataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: REPORTING_ENTITIES,
    migrations: REPORTING_MIGRATIONS,
    migrationsRun: opts.migrationsRun ?? false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: opts.poolSize ?? 10,
    applicationName: 'reporting-projections',
  });
}

/** Initialized and migrated: what a service or the rebuild CLI starts from. */
export async function openReportingDatabase(url: string, opts: Omit<ReportingDataSourceOptions, 'migrationsRun'> = {}): Promise<DataSource> {
  const ds = reportingDataSource(url, opts);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
