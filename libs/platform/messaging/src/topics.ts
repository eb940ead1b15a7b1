import type { Admin, Kafka } from 'kafkajs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const alreadyExists = (e: unknown): boolean => {
  const err = e as { type?: string; errors?: { type?: string }[] };
  if (err?.type === 'TOPIC_ALREADY_EXISTS') return true;
  // createTopics reports one error per topic: fine when every one of them already exists.
  return Array.isArray(err?.errors) && err.errors.length > 0 && err.errors.every((x) => x?.type === 'TOPIC_ALREADY_EXISTS');
};

/** True when every partition of every topic has a leader: producers and consumers can use them. */
async function topicsReady(admin: Admin, topics: string[]): Promise<boolean> {
  try {
    const { topics: meta } = await admin.fetchTopicMetadata({ topics });
    return meta.length === topics.length && meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
  } catch {
    return false;
  }
}

/**
 * Creates the topics that are missing (the broker never auto-creates) and waits until they are
 * usable, before anyone subscribes. Several services start at once and race to create the same
 * topics: losing that race is fine, and a just-created topic is waited for, not failed on.
 */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions = 3, timeoutMs = 60_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length) {
        try {
          // Event and log topics keep everything: the audit trail and read models rebuild from them.
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor: -1, configEntries: [{ name: 'retention.ms', value: '-1' }] })),
          });
        } catch (e) {
          if (!alreadyExists(e) && Date.now() > deadline) throw e;
        }
      }
      if (await topicsReady(admin, topics)) return;
      if (Date.now() > deadline) throw new Error(`Kafka topics not ready after ${timeoutMs} ms: ${topics.join(', ')}`);
      await sleep(Math.min(100 * 2 ** attempt, 2000));
    }
  } finally {
    await admin.disconnect();
  }
}
