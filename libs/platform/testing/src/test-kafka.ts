import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

export const testBrokers = (): string[] => {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run integration tests through `npm test` (it starts Kafka)');
  return brokers.split(',');
};

/** A unique prefix so that topics and groups of one test never meet another's. */
export const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export const testKafka = (clientId = uniqueName('test')) =>
  new Kafka({ clientId, brokers: testBrokers(), logLevel: logLevel.NOTHING });

export async function createTopics(topics: string[], numPartitions = 3): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions })) });
  } finally {
    await admin.disconnect();
  }
}
