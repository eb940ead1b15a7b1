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

/**
 * Creates the topics and waits until every partition has a leader. A broker under load answers
 * the leader wait with "does not host this topic-partition" for a moment after creating a topic:
 * that is retried (for up to 60 s), as the services' own ensureTopics does.
 */
export async function createTopics(topics: string[], numPartitions = 3): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const deadline = Date.now() + 60_000;
    for (let attempt = 0; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((t) => !existing.has(t));
        if (missing.length) await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions })) });
        const { topics: meta } = await admin.fetchTopicMetadata({ topics });
        if (meta.length === topics.length && meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
      if (Date.now() > deadline) throw new Error(`test topics not ready after 60 s: ${topics.join(', ')}`);
      await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** attempt, 2000)));
    }
  } finally {
    await admin.disconnect();
  }
}
