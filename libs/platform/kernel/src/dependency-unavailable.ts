/**
 * Errors that mean "a dependency is unreachable right now", not "the request or the code is
 * wrong": the database restarting or refusing connections, a connection cut mid-query, the
 * broker gone. The caller is told 503 with Retry-After (nothing was written: the store's append
 * is one transaction), never a 500.
 */
export const RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// PostgreSQL SQLSTATE: class 08 (connection exception), 57P01-57P03 (admin/crash shutdown,
// cannot connect now), 53300 (too many connections).
const PG_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  /Connection is not established/i,
];
const KAFKA_NAMES = new Set(['KafkaJSConnectionError', 'KafkaJSNumberOfRetriesExceeded', 'KafkaJSBrokerNotFound', 'KafkaJSRequestTimeoutError', 'KafkaJSConnectionClosedError']);

export function isDependencyUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const err = e as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; driverError?: unknown; originalError?: unknown };
  if (typeof err.code === 'string' && (NETWORK_CODES.has(err.code) || PG_UNAVAILABLE.test(err.code))) return true;
  if (typeof err.name === 'string' && KAFKA_NAMES.has(err.name)) return true;
  if (typeof err.message === 'string' && MESSAGES.some((m) => m.test(err.message as string))) return true;
  // TypeORM wraps the driver's error; kafkajs and Node chain causes.
  return [err.driverError, err.cause, err.originalError].some((c) => c !== e && isDependencyUnavailable(c, depth + 1));
}
