import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import { PROJECTION_STORE_MIGRATIONS } from './projection-store.migration';

export interface ReadModelDatabaseOptions {
  /** The read model's own migrations; the runner's bookkeeping migrations come first. */
  migrations: (new () => MigrationInterface)[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: (Function | EntitySchema)[];
  poolSize?: number;
  applicationName?: string;
}

/** A read-model database: schema only through migrations, never `synchronize`. */
export function readModelDataSource(url: string, options: ReadModelDatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: options.entities ?? [],
    migrations: [...PROJECTION_STORE_MIGRATIONS, ...options.migrations],
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'read-model',
  });
}

/** Initialized and migrated: what a service or the rebuild CLI starts from. */
export async function openReadModelDatabase(url: string, options: ReadModelDatabaseOptions): Promise<DataSource> {
  const ds = readModelDataSource(url, options);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
