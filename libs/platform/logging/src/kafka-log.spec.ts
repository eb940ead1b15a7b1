import { logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaLogCreator } from './kafka-log';

const recorder = () => {
  const lines: [string, string][] = [];
  const at = (level: string) => (_fields: object, msg: string) => void lines.push([level, msg]);
  const logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger;
  return { lines, log: kafkaLogCreator(logger)(logLevel.INFO) };
};
const entry = (level: number, message: string, error?: string) => ({ namespace: 'x', level, label: 'ERROR', log: { timestamp: '', logger: 'kafkajs', message, ...(error ? { error } : {}) } });

describe('kafkajs lines in the one log', () => {
  it('says an unreachable broker once as a warning, and its retries at debug', () => {
    const { lines, log } = recorder();
    for (let i = 0; i < 50; i++) log(entry(logLevel.ERROR, 'Connection error: connect ECONNREFUSED 127.0.0.1:19092'));
    expect(lines.filter(([l]) => l === 'warn')).toHaveLength(1);
    expect(lines.filter(([l]) => l === 'error')).toHaveLength(0);
    expect(lines.filter(([l]) => l === 'debug')).toHaveLength(49);
  });

  it('keeps a first-start leader race below error level, and a real failure at error', () => {
    const { lines, log } = recorder();
    log(entry(logLevel.ERROR, 'Response ListOffsets(key: 2, version: 3)', 'This server is not the leader for that topic-partition'));
    log(entry(logLevel.ERROR, 'Crash: KafkaJSNonRetriableError', 'Invalid SASL credentials'));
    expect(lines.map(([l]) => l)).toEqual(['debug', 'error']);
  });
});
