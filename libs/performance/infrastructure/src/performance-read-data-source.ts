import { openReadModelDatabase, readModelDataSource } from '@tpm/projections';
import type { DataSource } from 'typeorm';
import { PerformanceReadBandCounts1760000000901 } from './performance-read-band-counts.migration';
import { PerformanceRead1760000000900 } from './performance-read.migration';

export const PERFORMANCE_READ_MIGRATIONS = [PerformanceRead1760000000900, PerformanceReadBandCounts1760000000901];
const options = (poolSize?: number) => ({ migrations: PERFORMANCE_READ_MIGRATIONS, poolSize, applicationName: 'performance-read' });

/** The performance service's read models, in its own database: schema only through migrations. */
export const performanceReadDataSource = (url: string, poolSize?: number): DataSource => readModelDataSource(url, options(poolSize));

/** Initialized and migrated: what the service, the benchmark and the rebuild CLI start from. */
export const openPerformanceReadDatabase = (url: string, poolSize?: number): Promise<DataSource> => openReadModelDatabase(url, options(poolSize));
