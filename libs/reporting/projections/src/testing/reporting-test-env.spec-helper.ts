import type { Envelope } from '@tpm/contracts';
import { silentLogger } from '@tpm/logging';
import { ProjectionRunner, type Projection } from '@tpm/projections';
import { createTestDatabase, testKafka, uniqueName, type TestDatabase } from '@tpm/testing';
import type { Kafka, Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { openReportingDatabase } from '../reporting-data-source';

/** A migrated reporting database, a producer and runners that are all closed in `close()`. */
export async function reportingTestEnv() {
  const db: TestDatabase = await createTestDatabase('reporting');
  const ds: DataSource = await openReportingDatabase(db.url, { poolSize: 20 });
  const kafka: Kafka = testKafka();
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
  await producer.connect();
  const runners: ProjectionRunner[] = [];
  return {
    ds,
    kafka,
    produce: (topic: string, events: (Envelope | string)[]) =>
      producer.send({
        topic,
        messages: events.map((e) => (typeof e === 'string' ? { key: 'junk', value: e } : { key: e.streamId, value: JSON.stringify(e) })),
      }),
    runner(projection: Projection, topics: string[], groupId = uniqueName('group')) {
      const r = new ProjectionRunner({ projection, dataSource: ds, kafka, topics, groupId, logger: silentLogger, lockRetryMs: 200 });
      runners.push(r);
      return r;
    },
    async stopRunners() {
      await Promise.all(runners.splice(0).map((r) => r.stop()));
    },
    async close() {
      await Promise.all(runners.splice(0).map((r) => r.stop()));
      await producer.disconnect();
      await ds.destroy();
      await db.drop();
    },
  };
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
