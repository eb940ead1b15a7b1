import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { anchorsFromMessages, type AnchorMessage } from './anchors';
import type { SealRecord } from './event-store';

/** The Kafka message of one seal on `<context>.seals`: keyed by store, so all seals keep one partition's order. */
export const anchorMessage = (store: string, seal: SealRecord): { key: string; value: string } => ({
  key: store,
  value: JSON.stringify({ store, ...seal } satisfies AnchorMessage),
});

/**
 * Reads every seal published on a seals topic, from the beginning up to its end as of the call
 * (high watermarks taken first), with a throw-away consumer group that commits nothing.
 */
export async function readAnchorsFromTopic(kafka: Kafka, topic: string, options: { timeoutMs?: number; store?: string } = {}): Promise<SealRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  let ends: Map<number, bigint>;
  try {
    if (!(await admin.listTopics()).includes(topic)) throw new Error(`the seals topic ${topic} does not exist (no seal was anchored yet, or a wrong KAFKA_TOPIC_PREFIX)`);
    const offsets = await admin.fetchTopicOffsets(topic);
    ends = new Map(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high)]));
  } finally {
    await admin.disconnect();
  }
  if (!ends.size) return [];
  const values: Buffer[] = [];
  const consumer = kafka.consumer({ groupId: `anchors-reader-${randomUUID()}`, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic} took longer than ${options.timeoutMs ?? 60_000} ms`)), options.timeoutMs ?? 60_000);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            if (message.value) {
              const keep = !options.store || message.key?.toString() === options.store;
              if (keep) values.push(message.value);
            }
            const end = ends.get(partition);
            if (end !== undefined && BigInt(message.offset) + 1n >= end) ends.delete(partition);
            if (!ends.size) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return anchorsFromMessages(values);
}
