import { openReadModelDatabase, readModelDataSource } from '@tpm/projections';
import { ORG_REFERENCE_MIGRATIONS } from '@tpm/org-reference';
import type { DataSource } from 'typeorm';
import { CoachingRead1760000000600 } from './coaching-read.migration';

export const COACHING_READ_MIGRATIONS = [CoachingRead1760000000600, ...ORG_REFERENCE_MIGRATIONS];
const options = (poolSize?: number) => ({ migrations: COACHING_READ_MIGRATIONS, poolSize, applicationName: 'coaching-read' });

/** The coaching service's read models, in its own database: schema only through migrations. */
export const coachingReadDataSource = (url: string, poolSize?: number): DataSource => readModelDataSource(url, options(poolSize));

/** Initialized and migrated: what the service and the rebuild CLI start from. */
export const openCoachingReadDatabase = (url: string, poolSize?: number): Promise<DataSource> => openReadModelDatabase(url, options(poolSize));
