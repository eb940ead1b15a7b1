import { ORG_REFERENCE_MIGRATIONS } from '@tpm/org-reference';
import { openReadModelDatabase, readModelDataSource } from '@tpm/projections';
import type { DataSource } from 'typeorm';
import { RewardsRead1760000000700 } from './rewards-read.migration';

export const REWARDS_READ_MIGRATIONS = [RewardsRead1760000000700, ...ORG_REFERENCE_MIGRATIONS];
const options = (poolSize?: number) => ({ migrations: REWARDS_READ_MIGRATIONS, poolSize, applicationName: 'rewards-read' });

/** The rewards service's read models, in its own database: schema only through migrations. */
export const rewardsReadDataSource = (url: string, poolSize?: number): DataSource => readModelDataSource(url, options(poolSize));
export const openRewardsReadDatabase = (url: string, poolSize?: number): Promise<DataSource> => openReadModelDatabase(url, options(poolSize));
