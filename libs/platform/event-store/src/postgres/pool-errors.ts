import type { Pool } from 'pg';

interface WarnLogger {
  warn(obj: object, msg: string): void;
}

/**
 * A PostgreSQL restart or failover cuts every connection. node-postgres reports it as an
 * 'error' event on each client ("Connection terminated unexpectedly"); an event nobody listens
 * to ends the process. The pool listens to its idle clients only, so a client checked out when
 * the server goes (a relay's long-held lock session, a scheduler transaction) would crash the
 * service. This listens on every client the pool ever opens: the error is a warning, the query
 * in flight is rejected as usual (the caller answers 503 or retries), the broken client is
 * discarded on release, and the next query opens a fresh connection.
 */
export function survivePgConnectionErrors<P extends Pool>(pool: P, logger: WarnLogger, name: string): P {
  let lastWarned = 0;
  const warn = (err: Error, where: string) => {
    // One line per outage, not one per connection: a restart cuts all of them at once.
    if (Date.now() - lastWarned < 5_000) return;
    lastWarned = Date.now();
    logger.warn({ pool: name, where, err: err.message }, 'database connection lost; reconnecting on next use');
  };
  pool.on('error', (err) => warn(err, 'idle'));
  pool.on('connect', (client) => {
    client.on('error', (err) => warn(err, 'in use'));
  });
  return pool;
}
