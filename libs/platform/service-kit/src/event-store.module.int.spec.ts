import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';
import { EsdbEventStore, PersonalDataStore, PostgresEventStore } from '@tpm/event-store';
import { createTestDatabase, testKafka, type TestDatabase } from '@tpm/testing';
import { loadServiceConfig, type ServiceConfig } from './config/service-config';
import { EventStoreModule } from './event-store.module';
import { EVENT_LOG, EVENT_STORE, KAFKA, PG_POOL, SERVICE_CONFIG } from './tokens';

// The integration project's testTimeout is not applied per project: set it here.
jest.setTimeout(60_000);

describe('EventStoreModule picks the store behind EVENT_LOG from EVENT_STORE_BACKEND (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  beforeEach(async () => {
    db = await createTestDatabase('es_module');
    pool = new Pool({ connectionString: db.url, max: 4 });
  });
  afterEach(async () => {
    await pool?.end();
    await db?.drop();
  });

  const tableExists = async (schema: string, table: string) =>
    (await pool.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`, [schema, table])).rows[0].n === 1;

  const boot = (env: Record<string, string>) => {
    const config: ServiceConfig = loadServiceConfig('rewards', { DATABASE_URL: db.url, KAFKA_BROKERS: '127.0.0.1:1', ...env });
    @Global()
    @Module({
      providers: [
        { provide: PG_POOL, useValue: pool },
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: KAFKA, useValue: testKafka() },
      ],
      exports: [PG_POOL, SERVICE_CONFIG, KAFKA],
    })
    class Infra {}
    @Module({ imports: [Infra, EventStoreModule.forService()] })
    class App {}
    return NestFactory.createApplicationContext(App, { logger: false, abortOnError: false });
  };

  it('keeps events in the service database by default, in its schema', async () => {
    const app = await boot({});
    expect(app.get(EVENT_LOG)).toBeInstanceOf(PostgresEventStore);
    expect((app.get(EVENT_STORE) as PersonalDataStore).log).toBe(app.get(EVENT_LOG));
    expect(await tableExists('es', 'events')).toBe(true);
    await app.close();
  });

  it('puts EventStoreDB behind EVENT_LOG, wrapped by the personal-data store, with EVENT_STORE_BACKEND=esdb', async () => {
    // The gRPC client connects on first use: nothing here reaches the (absent) server.
    const app = await boot({ EVENT_STORE_BACKEND: 'esdb', ESDB_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false' });
    const log = app.get(EVENT_LOG);
    expect(log).toBeInstanceOf(EsdbEventStore);
    expect(app.get(EVENT_STORE)).toBeInstanceOf(PersonalDataStore);
    expect((app.get(EVENT_STORE) as PersonalDataStore).log).toBe(log);
    // The personal-data keys stay in the service database either way; no event tables are made there.
    expect(await tableExists('es', 'personal_data_keys')).toBe(true);
    expect(await tableExists('es', 'events')).toBe(false);
    await app.close();
  });
});
