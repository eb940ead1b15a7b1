import pino, { type Logger } from 'pino';

/** Structured JSON logs on stdout; the level comes from LOG_LEVEL. */
export const createLogger = (service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger =>
  pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });

/** A minimal structured logger port used by platform libs, so they need not depend on pino. */
export interface StructuredLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}
