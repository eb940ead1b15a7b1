import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** The server the Jest global setup started (or DATABASE_URL); fails loudly when absent. */
export const testServerUrl = (): string => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run integration tests through `npm test` (it starts PostgreSQL)');
  return url;
};

const withDatabase = (serverUrl: string, database: string) => {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
};

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test server, so test files never see each other's rows. */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const server = testServerUrl();
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`.toLowerCase();
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(server, name),
    async drop() {
      const c = new Client({ connectionString: server });
      await c.connect();
      try {
        // pool.end() resolves once its clients are told to end, not once their sockets are closed:
        // a forced drop right away can still reach one, and its FATAL 57P01 then surfaces as an
        // unhandled error on the ended pool (seen in a CI run). So wait a moment for the test's
        // own connections to go, and force only what is still open after it (a test that leaked one).
        for (let attempt = 0; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS "${name}"`);
            return;
          } catch (e) {
            if ((e as { code?: string }).code !== '55006' || attempt >= 10) break;
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
