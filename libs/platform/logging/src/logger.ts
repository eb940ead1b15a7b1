import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export interface LoggingSetup {
  /** The service or tool name every line carries (`performance`, `rebuild-cli`). */
  service: string;
  level?: string;
  /** `pretty` for a person at a terminal, `json` for machines; default: pretty only on a TTY outside CI. */
  format?: 'json' | 'pretty';
}

let root: Logger | null = null;
/** Bumped by every configureLogging: component loggers made earlier follow the new root. */
let generation = 0;

const wantsPretty = (env = process.env): boolean => {
  if (env.LOG_FORMAT === 'json') return false;
  if (env.LOG_FORMAT === 'pretty') return true;
  return Boolean(process.stderr.isTTY) && !env.CI;
};

const prettyStream = (): DestinationStream => {
  // Loaded only for a person at a terminal: production images may leave the dev dependency out.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pretty = require('pino-pretty') as (o: object) => DestinationStream;
  return pretty({ destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service,component', messageFormat: '{service}/{component}: {msg}', singleLine: true, sync: true });
};

/**
 * Sets up the process's root logger once (a service's bootstrap or a CLI's main). Later calls
 * replace it, so a test process may re-point it; children made before keep their old parent.
 */
export function configureLogging(setup: LoggingSetup): Logger {
  const options: LoggerOptions = {
    level: setup.level ?? process.env.LOG_LEVEL ?? 'info',
    base: { service: setup.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    // Credentials never reach a log line, whoever logs the request.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
  };
  const pretty = setup.format ? setup.format === 'pretty' : wantsPretty();
  root = pino(options, pretty ? prettyStream() : pino.destination({ dest: 2, sync: true }));
  generation++;
  return root;
}

/** The process's root logger; a process that never configured one logs as its script name. */
export function rootLogger(): Logger {
  return root ?? configureLogging({ service: process.env.TPM_SERVICE ?? 'tpm' });
}

/**
 * The logger of one component (`relay`, `inbox`, `projection:org-structure`). It may be made at
 * import time, before the service configures the root: it resolves its child of the current root
 * when it logs, so every line carries the service's name and level.
 */
export const createLogger = (component: string, fields: Record<string, unknown> = {}): Logger => {
  let made: { generation: number; logger: Logger } | null = null;
  const current = (): Logger => {
    if (!made || made.generation !== generation) {
      const logger = rootLogger().child({ component, ...fields });
      made = { generation, logger };
    }
    return made.logger;
  };
  return new Proxy({} as Logger, {
    get(_target, property) {
      const logger = current();
      const value = Reflect.get(logger, property, logger);
      return typeof value === 'function' ? value.bind(logger) : value;
    },
  });
};

/** For tests that assert on behaviour, not on log lines. */
export const silentLogger: Logger = pino({ level: 'silent' });
