import pino, { type Logger } from 'pino';

/** Structured JSON logs on stdout; the level comes from LOG_LEVEL. */
export const createLogger = (service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger =>
  pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });

