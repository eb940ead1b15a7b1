import { logLevel, type LogEntry } from 'kafkajs';

export type LogFields = Record<string, unknown>;

export interface ProjectionLogger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** One JSON object per line on stderr: stdout stays free for a CLI's own output. */
export const jsonLogger = (component = 'projections', write = (line: string) => process.stderr.write(line)): ProjectionLogger => {
  const log = (level: string) => (msg: string, fields: LogFields = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, component, msg, ...fields }) + '\n');
  return { debug: () => undefined, info: log('info'), warn: log('warn'), error: log('error') };
};

export const silentLogger: ProjectionLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Routes kafkajs' own logs (WARN and worse) into our logger, so there is one log stream. */
export const kafkaLogCreator = (logger: ProjectionLogger) => () => ({ level, log }: LogEntry) => {
  const { message, ...rest } = log;
  if (level === logLevel.ERROR) logger.error(`kafkajs: ${message}`, rest);
  else if (level === logLevel.WARN) logger.warn(`kafkajs: ${message}`, rest);
};
