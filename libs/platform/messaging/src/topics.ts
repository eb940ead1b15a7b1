import type { Kafka } from 'kafkajs';

/** Creates the topics that are missing (the broker never auto-creates): before anyone subscribes. */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length) {
      await admin
        .createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: -1 })) })
        .catch((e: { type?: string }) => {
          // Another replica created it first: fine.
          if (e?.type !== 'TOPIC_ALREADY_EXISTS') throw e;
        });
    }
  } finally {
    await admin.disconnect();
  }
}
