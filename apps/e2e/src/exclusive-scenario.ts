import { Client } from 'pg';
import { testServerUrl } from '@tpm/testing';

/**
 * Services of every suite use the same topic and consumer-group names (`performance.events`,
 * `performance-reactions`, `projection.org-structure`…), so two suites running at once in Jest
 * workers would split each other's partitions and miss events. A session advisory lock on the
 * shared test PostgreSQL makes suites that boot services take turns; call it first in beforeAll.
 */
export async function exclusiveScenario(): Promise<{ release(): Promise<void> }> {
  const client = new Client({ connectionString: testServerUrl() });
  await client.connect();
  await client.query(`SELECT pg_advisory_lock(hashtext('tpm-e2e-services'))`);
  return {
    async release() {
      await client.query(`SELECT pg_advisory_unlock(hashtext('tpm-e2e-services'))`).catch(() => undefined);
      await client.end();
    },
  };
}
