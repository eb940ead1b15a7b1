import { openReadModelDatabase, readModelDataSource } from '@tpm/projections';
import { ORG_REFERENCE_MIGRATIONS } from '@tpm/org-reference';
import type { DataSource } from 'typeorm';
import { TrainingRead1760000000400 } from './training-read.migration';

export const TRAINING_READ_MIGRATIONS = [TrainingRead1760000000400, ...ORG_REFERENCE_MIGRATIONS];
const options = (poolSize?: number) => ({ migrations: TRAINING_READ_MIGRATIONS, poolSize, applicationName: 'training-read' });

/** The training service's read models, in its own database: schema only through migrations. */
export const trainingReadDataSource = (url: string, poolSize?: number): DataSource => readModelDataSource(url, options(poolSize));

/** Initialized and migrated: what the service and the rebuild CLI start from. */
export const openTrainingReadDatabase = (url: string, poolSize?: number): Promise<DataSource> => openReadModelDatabase(url, options(poolSize));
