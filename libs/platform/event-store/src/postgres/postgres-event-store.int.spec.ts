import { createTestDatabase, type TestDatabase } from '@tpm/testing';
import { eventStoreContract } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

// The integration project's testTimeout is not applied per project: set it here.
jest.setTimeout(60_000);

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('es_contract');
});
afterAll(async () => {
  await db?.drop();
});

eventStoreContract('PostgresEventStore', async ({ upcasters, hmacKeys, sealScope }) => {
  // A seal scope is a schema of its own: its own log and seals.
  const store = new PostgresEventStore({ connectionString: db.url, upcasters, hmacKeys, ...(sealScope ? { schema: `es_${sealScope}` } : {}) });
  await store.ensureSchema();
  return store;
});
