// The logger of the plain-Node scripts (start, infra, the Kafka broker recipe): the same pino setup
// as libs/platform/logging (service, component, level; pretty on a terminal, JSON otherwise; on
// stderr), for code that runs before TypeScript is loaded and so cannot import that lib.
import pino from 'pino';

const pretty = process.env.LOG_FORMAT === 'pretty' || (process.env.LOG_FORMAT !== 'json' && process.stderr.isTTY && !process.env.CI);

const destination = pretty
  ? (await import('pino-pretty')).default({ destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service,component', messageFormat: '{service}/{component}: {msg}', singleLine: true, sync: true })
  : pino.destination({ dest: 2, sync: true });

const root = pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: 'scripts' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  destination,
);

/** A child logger per component: `log.info({ port }, 'embedded PostgreSQL started')`. */
export const createLogger = (component) => root.child({ component });
