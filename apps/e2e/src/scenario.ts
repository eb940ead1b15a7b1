import { createTestDatabase, uniqueName, type TestDatabase } from '@tpm/testing';
import { bootService, type RunningService } from './boot-service';
import { exclusiveScenario } from './exclusive-scenario';

export interface Scenario {
  /** The Kafka namespace (KAFKA_TOPIC_PREFIX) of this scenario's services. */
  namespace: string;
  service(name: string): RunningService;
  /** The database a service of this scenario runs on (for tests that reach under the API). */
  databaseUrl(name: string): string;
  stop(): Promise<void>;
}

/**
 * Boots the named services for one e2e suite: its turn among suites, its own Kafka topics and
 * groups (no other suite's events reach it) and a fresh database per service.
 */
export async function startScenario(services: string[], options: { dbPrefix: string; env?: Record<string, string> }): Promise<Scenario> {
  const turn = await exclusiveScenario();
  const dbs = new Map<string, TestDatabase>();
  const running = new Map<string, RunningService>();
  const namespace = `${uniqueName('e2e')}.`;
  const stop = async () => {
    await Promise.all([...running.values()].map((s) => s.stop()));
    for (const db of dbs.values()) await db.drop();
    await turn.release();
  };
  try {
    const env: Record<string, string> = { ...options.env, KAFKA_TOPIC_PREFIX: namespace };
    for (const svc of services) {
      const db = await createTestDatabase(`${options.dbPrefix}_${svc}`);
      dbs.set(svc, db);
      env[`${svc.toUpperCase()}_DATABASE_URL`] = db.url;
    }
    const booted = await Promise.all(services.map((s) => bootService(s, env)));
    booted.forEach((s) => running.set(s.name, s));
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    namespace,
    service: (name) => {
      const s = running.get(name);
      if (!s) throw new Error(`service ${name} is not part of this scenario`);
      return s;
    },
    databaseUrl: (name) => {
      const db = dbs.get(name);
      if (!db) throw new Error(`service ${name} is not part of this scenario`);
      return db.url;
    },
    stop,
  };
}
