/**
 * Which store holds a service's events, from its environment: PostgreSQL (the service's own
 * database, the default) or EventStoreDB/KurrentDB (`EVENT_STORE_BACKEND=esdb` with
 * `ESDB_CONNECTION_STRING`). Services validate the same variables in their env schema; the
 * command-line tools, which have none, read them here so they open the store the service writes.
 */
export type EventStoreBackendChoice = { backend: 'postgres' } | { backend: 'esdb'; connectionString: string };

export const ESDB_URL = /^esdb(\+discover)?:\/\/\S+$/;

export class EventStoreBackendError extends Error {
  override readonly name = 'EventStoreBackendError';
}

/** Throws one line naming the variable that is wrong. */
export function eventStoreBackendOf(env: Record<string, string | undefined>): EventStoreBackendChoice {
  const backend = env.EVENT_STORE_BACKEND || 'postgres';
  if (backend === 'postgres') return { backend };
  if (backend !== 'esdb') throw new EventStoreBackendError('EVENT_STORE_BACKEND must be postgres or esdb');
  const connectionString = env.ESDB_CONNECTION_STRING ?? '';
  if (!ESDB_URL.test(connectionString)) throw new EventStoreBackendError('ESDB_CONNECTION_STRING must be set to an esdb:// URL when EVENT_STORE_BACKEND=esdb');
  return { backend, connectionString };
}
