import { logLevel, type LogEntry, type logCreator } from 'kafkajs';
import { createLogger } from './logger';

// Known and harmless here: we choose the default partitioner on purpose, and the relay retries
// sends itself (the inbox makes a rare duplicate harmless), so a bounded producer retry is intended.
const EXPECTED = [/switched default partitioner/, /Limiting retries for the idempotent producer/];

/** kafkajs logs into the service's structured log, without the two expected warnings. */
export const kafkaLogCreator =
  (service: string): logCreator =>
  () => {
    const logger = createLogger(`${service}:kafkajs`);
    return ({ level, log }: LogEntry) => {
      const { message, ...rest } = log;
      if (EXPECTED.some((re) => re.test(message))) return;
      if (level === logLevel.ERROR || level === logLevel.NOTHING) logger.error(rest, message);
      else if (level === logLevel.WARN) logger.warn(rest, message);
      else logger.debug(rest, message);
    };
  };
