import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { bootstrapService, type BootOptions } from './bootstrap';
import { InvalidConfiguration } from './config/service-config';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
/** PostgreSQL's answers that mean the URL names a server we may not use as given. */
const PG_REFUSALS: Record<string, string> = { '28P01': 'password rejected', '28000': 'not authorized', '3D000': 'no such database' };

/** The URL without its password, to name in a log line. */
const withoutPassword = (url: string): string => {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
};

const hostPortOf = (url: string | undefined): string | null => {
  try {
    const u = new URL(url ?? '');
    return `${u.hostname}:${u.port || (u.protocol.startsWith('postgres') ? '5432' : u.protocol.startsWith('esdb') ? '2113' : '')}`;
  } catch {
    return null;
  }
};

/**
 * The one line for a start that failed on a dependency it could not reach or use (the database,
 * the broker, an EventStoreDB server), naming the variable that points at it; null for anything
 * else (a bug keeps its stack trace).
 */
export function dependencyFailureLine(service: string, e: unknown, env: NodeJS.ProcessEnv = process.env): string | null {
  if (!(e instanceof Error)) return null;
  const err = e as Error & { code?: string | number; address?: string; port?: number; details?: string };
  if (err.name === 'EsdbServerClaimed') return `${service} did not start: ${err.message}`;
  if (typeof err.code === 'string' && PG_REFUSALS[err.code] && env.DATABASE_URL) {
    return `${service} did not start: PostgreSQL at DATABASE_URL (${withoutPassword(env.DATABASE_URL)}) refused it: ${PG_REFUSALS[err.code]} (${err.message})`;
  }
  if (typeof err.code === 'string' && CONNECTION_CODES.has(err.code)) {
    const at = err.address !== undefined ? `${err.address}:${err.port ?? ''}` : null;
    const dbAt = hostPortOf(env.DATABASE_URL);
    const loopback = (h: string | null) => h?.replace(/^(localhost|::1):/, '127.0.0.1:') ?? null;
    if (env.DATABASE_URL && (at === null || loopback(at) === loopback(dbAt))) {
      return `${service} did not start: cannot reach PostgreSQL at DATABASE_URL (${withoutPassword(env.DATABASE_URL)}): ${err.message}`;
    }
    return `${service} did not start: cannot reach ${at ?? 'a dependency'}: ${err.message}`;
  }
  if (err.name.startsWith('KafkaJS')) return `${service} did not start: cannot use the Kafka brokers at KAFKA_BROKERS (${env.KAFKA_BROKERS ?? ''}): ${err.message}`;
  // gRPC UNAVAILABLE from the EventStoreDB client.
  if (err.code === 14 && env.ESDB_CONNECTION_STRING) {
    return `${service} did not start: cannot reach EventStoreDB at ESDB_CONNECTION_STRING (${withoutPassword(env.ESDB_CONNECTION_STRING)}): ${err.details ?? err.message}`;
  }
  return null;
}

/**
 * A service's entry point. The app module reads its configuration while it loads, so it is
 * loaded here, where a wrong setting (DATABASE_URL, KAFKA_BROKERS, the integrity or personal-data
 * keys, auth) ends the process with one line naming the variable instead of a stack trace.
 */
export async function runService(load: () => Promise<Type<unknown> | DynamicModule>, options: BootOptions): Promise<INestApplication | undefined> {
  try {
    return await bootstrapService(await load(), options);
  } catch (e) {
    const configuration =
      e instanceof InvalidConfiguration || (e instanceof Error && ['InvalidConfiguration', 'AuthConfigurationError', 'IntegrityConfigurationError'].includes(e.name));
    const line = configuration ? (e as Error).message.replace(/:\n\s*/, ': ').replace(/\n\s*/g, '; ') : dependencyFailureLine(options.title, e);
    if (line === null) throw e;
    process.stderr.write(`${line}\n`);
    process.exit(1);
  }
}
