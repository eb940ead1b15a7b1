// The right to erasure from a terminal, for operators without an HR token (runbook:
// docs/runbooks/erase-a-person.md). Usage:
//   npm run privacy -- erase --employee-number E-1001 --reason "GDPR Art. 17 request, ticket 4711" [--database-url URL]
// The database is the performance service's (PERFORMANCE_DATABASE_URL, or DATABASE_URL's server
// with tpm_performance); PERSONAL_DATA_MASTER_KEY and the HMAC keys must be the service's own.
// The running service's relay publishes the erasure; every other service then destroys its key.
// stdout carries one JSON result; stderr the logs. Exit code: 0 erased, 1 refused, 2 usage error.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import {
  EsdbEventStore,
  eventStoreBackendOf,
  isProductionEnvironment,
  loadHmacKeys,
  loadPersonalDataMasterKey,
  PersonalDataStore,
  PostgresEventStore,
  PostgresPersonalDataKeys,
} from '@tpm/event-store';
import { DomainError, systemClock } from '@tpm/kernel';
import { configureLogging } from '@tpm/logging';
import { EraseEmployeeHandler } from '@tpm/performance-application';
import { PERFORMANCE_UPCASTERS, PostgresAnonymousFeedbackHoldingArea, performancePersonalData } from '@tpm/performance-infrastructure';
import { serviceDatabaseUrl } from '@tpm/service-kit';

const log = configureLogging({ service: 'privacy-cli' }).child({ component: 'cli' });
const usage = 'usage: npm run privacy -- erase --employee-number NUMBER --reason TEXT [--database-url URL]';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { 'employee-number': { type: 'string' }, reason: { type: 'string' }, 'database-url': { type: 'string' } },
    });
  } catch (e) {
    log.error({ err: (e as Error).message }, usage);
    return 2;
  }
  const [command] = parsed.positionals;
  const { 'employee-number': employeeNumber, reason } = parsed.values;
  if (command !== 'erase' || !employeeNumber || !reason || reason.trim().length < 3) {
    log.error(usage);
    return 2;
  }
  const env = process.env;
  const databaseUrl = parsed.values['database-url'] ?? (env.PERFORMANCE_DATABASE_URL || env.DATABASE_URL ? serviceDatabaseUrl('performance', env) : undefined);
  if (!databaseUrl) {
    log.error('no database: pass --database-url or set PERFORMANCE_DATABASE_URL / DATABASE_URL');
    return 2;
  }
  const production = isProductionEnvironment(env);
  const pool = new Pool({ connectionString: databaseUrl, max: 3, application_name: 'tpm-privacy-cli' });
  const holdPool = new Pool({ connectionString: databaseUrl, max: 1, application_name: 'tpm-privacy-cli-hold' });
  try {
    // The store the service writes (EVENT_STORE_BACKEND): the erasure must reach the log its relay publishes.
    const backend = eventStoreBackendOf(env);
    const hmacKeys = loadHmacKeys(env, { production });
    const logStore =
      backend.backend === 'esdb'
        ? new EsdbEventStore({ connectionString: backend.connectionString, upcasters: PERFORMANCE_UPCASTERS, hmacKeys })
        : new PostgresEventStore({ pool, upcasters: PERFORMANCE_UPCASTERS, hmacKeys });
    const keys = new PostgresPersonalDataKeys(pool, loadPersonalDataMasterKey(env, { production }));
    const store = new PersonalDataStore(logStore, keys, performancePersonalData);
    const handler = new EraseEmployeeHandler(store, systemClock, keys, new PostgresAnonymousFeedbackHoldingArea(holdPool));
    const operator = `cli:${os.userInfo().username}`;
    const result = await handler.handle({ employeeNumber, reason }, { actor: { subject: operator, roles: ['admin'] }, correlationId: randomUUID() });
    process.stdout.write(`${JSON.stringify({ erased: true, ...result })}\n`);
    log.info({ employeeNumber, appended: result.appended }, result.appended ? 'person erased' : 'person was already erased');
    return 0;
  } catch (e) {
    if (e instanceof DomainError) {
      process.stdout.write(`${JSON.stringify({ erased: false, code: e.code, message: e.message })}\n`);
      return 1;
    }
    log.error({ err: (e as Error).message }, 'erasure failed');
    return 2;
  } finally {
    await pool.end();
    await holdPool.end();
  }
}

main().then((code) => process.exit(code));
