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
    const config = loadServiceConfig('rewards', { DATABASE_URL: db.url, KAFKA_BROKERS: '127.0.0.1:1', EVENT_STORE_BACKEND: 'esdb', ESDB_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false' });
    // The providers as Nest builds them, without booting (no server runs here to claim).
    const providers = EventStoreModule.forService().providers as { provide?: unknown; useFactory?: (...a: unknown[]) => unknown }[];
    const factory = (token: symbol) => providers.find((p) => p.provide === token)!.useFactory!;
    const log = factory(EVENT_LOG)(pool, config) as EsdbEventStore;
    expect(log).toBeInstanceOf(EsdbEventStore);
    const store = factory(EVENT_STORE)(log, {}) as PersonalDataStore;
    expect(store).toBeInstanceOf(PersonalDataStore);
    expect(store.log).toBe(log);
    await log.close();
  });

  it('refuses to start when the EventStoreDB server it is configured with does not answer, and makes no event tables', async () => {
    // Booting claims the server for the service (one service per server): unreachable, it fails at once.
    await expect(boot({ EVENT_STORE_BACKEND: 'esdb', ESDB_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false' })).rejects.toThrow(/UNAVAILABLE/);
    expect(await tableExists('es', 'events')).toBe(false);
  });
});
