import { logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';
import { createLogger } from './logger';

// Known and harmless: we choose the default partitioner on purpose, and the relay retries sends
// itself (the inbox makes a rare duplicate harmless), so a bounded producer retry is intended.
const EXPECTED = [/switched default partitioner/, /Limiting retries for the idempotent producer/];

// What a normal startup or rebalance goes through and kafkajs retries by itself: a group
// coordinator still loading, a topic created a moment ago, a leader being elected. Logged at
// debug; if the retries run out, the caller sees the error and logs it.
const TRANSIENT = [
  /coordinator is (loading|not available)/i,
  /group coordinator is not available/i,
  /not the correct coordinator/i,
  /no leader for this topic-partition|leadership election/i,
  /not the leader for (that|this) topic-partition/i,
  /does not host this topic-partition/i,
  /is not aware of this member|group is rebalancing|rebalance in progress/i,
  // Services that start together race to create the same topics; ensureTopics treats "already
  // exists" as success and throws on any other failure itself.
  /Topic creation errors/,
];

// kafkajs says this only when the crash before it was retriable: it recovers by itself.
const RECOVERING = [/Restarting the consumer/];

// The broker is unreachable (down, restarting): kafkajs retries and says so on every attempt of
// every client. One warning per kind of message per 15 s says it as well; /health says 503.
const UNREACHABLE = [/ECONNREFUSED|ECONNRESET|Connection error|Failed to connect to seed broker|Connection timeout|Closed connection/i];
const UNREACHABLE_EVERY_MS = 15_000;

const entryText = (log: LogEntry['log']): string => `${log.message} ${String((log as { error?: unknown }).error ?? '')}`;

/** Routes kafkajs into the one log stream, with its transient startup errors kept below error level. */
export const kafkaLogCreator =
  (logger: Logger = createLogger('kafkajs')): logCreator =>
  () => {
    const lastSaid = new Map<string, number>();
    return ({ level, log }: LogEntry) => {
    const { message, timestamp: _timestamp, logger: _name, ...fields } = log as LogEntry['log'] & { logger?: string };
    const text = entryText(log);
    if (EXPECTED.some((re) => re.test(text))) return;
    if (level === logLevel.ERROR || level === logLevel.WARN) {
      if (TRANSIENT.some((re) => re.test(text))) return logger.debug(fields, `kafkajs: ${message}`);
      if (RECOVERING.some((re) => re.test(text))) return logger.warn(fields, `kafkajs: ${message}`);
      if (UNREACHABLE.some((re) => re.test(text))) {
        const now = Date.now();
        if (now - (lastSaid.get(message) ?? 0) < UNREACHABLE_EVERY_MS) return logger.debug(fields, `kafkajs: ${message}`);
        lastSaid.set(message, now);
        return logger.warn(fields, `kafkajs: ${message} (retrying; repeats are logged at debug for ${UNREACHABLE_EVERY_MS / 1000} s)`);
      }
      return level === logLevel.ERROR ? logger.error(fields, `kafkajs: ${message}`) : logger.warn(fields, `kafkajs: ${message}`);
    }
    logger.debug(fields, `kafkajs: ${message}`);
    };
  };
