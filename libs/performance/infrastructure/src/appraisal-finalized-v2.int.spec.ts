import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { contractProblems, type AppraisalFinalized, type AppraisalFinalizedV1, type Envelope } from '@tpm/contracts';
import { PostgresEventStore } from '@tpm/event-store';
import { silentLogger } from '@tpm/logging';
import { InboxConsumer, OutboxRelay, toKafkaMessage } from '@tpm/messaging';
import { appraisalDecider } from '@tpm/performance-domain';
import { decodeEnvelope } from '@tpm/projections';
import { createTestDatabase, createTopics, eventually, testKafka, uniqueName, type TestDatabase } from '@tpm/testing';
import type { KafkaMessage } from 'kafkajs';
import { performancePublished } from './performance.published';
import { PERFORMANCE_UPCASTERS } from './performance.upcasters';

jest.setTimeout(90_000);

const actor = { subject: 'hr-1', roles: ['hr' as const] };

const v1: AppraisalFinalizedV1['data'] = {
  appraisalId: 'C1:ana',
  cycleId: 'C1',
  employeeId: 'ana',
  businessUnitId: 'sales',
  managerId: 'ben',
  period: '2026',
  score: 82.5,
  ratingBand: 'exceeds',
  ratingBandRank: 3,
  competencyGaps: [{ competency: 'negotiation', currentLevel: 2, requiredLevel: 4, gap: 2 }],
  indicators: [{ objectiveId: 'O1', indicatorId: 'K1', score: 75 }],
  finalizedAt: '2026-12-01T09:00:00.000Z',
};

async function collect(topic: string, expected: number): Promise<KafkaMessage[]> {
  const consumer = testKafka().consumer({ groupId: uniqueName('collect') });
  const seen: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
  try {
    await eventually(() => expect(seen.length).toBeGreaterThanOrEqual(expected), { timeoutMs: 45_000 });
    return seen;
  } finally {
    await consumer.disconnect();
  }
}
const parsed = (messages: KafkaMessage[]) => messages.map((m) => JSON.parse(m.value!.toString()) as Envelope);

describe('performance.AppraisalFinalized v2: stored and published v1 read as v2 (real PostgreSQL, real Kafka)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  const stream = 'performance-appraisal-C1-ana';

  beforeAll(async () => {
    db = await createTestDatabase('perf-v2');
    pool = new Pool({ connectionString: db.url, max: 5 });
    store = new PostgresEventStore({ pool, upcasters: PERFORMANCE_UPCASTERS });
    await store.ensureSchema();
    // Written as v1 was, before the potential existed: raw, at schema version 1.
    await store.append(stream, [{ eventId: randomUUID(), type: 'AppraisalFinalized', data: v1, schemaVersion: 1 }], {
      expectedVersion: 'no-stream',
      metadata: { actor, correlationId: randomUUID(), businessUnitId: 'sales' },
    });
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await db.drop();
  });

  const storedVersions = async () => (await pool.query('SELECT type, schema_version FROM es.events ORDER BY global_position')).rows;

  it('folds a stored v1 into the aggregate as v2 (unknown potential), and keeps history as written', async () => {
    const { state, version } = await store.aggregate(stream, appraisalDecider);
    expect(version).toBe(1);
    expect(state.finalized).toEqual({ ...v1, potential: null });
    expect((await store.readStream(stream))[0]).toMatchObject({ schemaVersion: 2, data: { potential: null } });
    expect(await storedVersions()).toEqual([{ type: 'AppraisalFinalized', schema_version: 1 }]);
  });

  it('writes a newly decided AppraisalFinalized at v2', async () => {
    const data: AppraisalFinalized['data'] = { ...v1, appraisalId: 'C2:ana', cycleId: 'C2', potential: 'high' };
    // As every command appends: no schema version given, so the store stamps the current one.
    await store.append('performance-appraisal-C2-ana', [{ eventId: randomUUID(), type: 'AppraisalFinalized', data }], {
      expectedVersion: 0,
      metadata: { actor, correlationId: randomUUID(), businessUnitId: 'sales', occurredAt: v1.finalizedAt },
    });
    expect((await storedVersions()).map((r) => r.schema_version)).toEqual([1, 2]);
  });

  it('publishes both as valid v2 contracts on .events and both on .log', async () => {
    const topic = uniqueName('performance.events');
    const logTopic = uniqueName('performance.log');
    await createTopics([topic, logTopic], 3);
    const relay = new OutboxRelay({ context: 'performance', store, pool, kafka: testKafka(), topic, logTopic, published: performancePublished, idleDelayMs: 50, logger: silentLogger });
    await relay.start();
    try {
      // Two streams land on partitions of their own: order across them is not defined, so sort by stream.
      const published = parsed(await collect(topic, 2)).sort((a, b) => a.streamId.localeCompare(b.streamId));
      expect(published.map((e) => [e.streamId, e.type, e.schemaVersion, (e.data as AppraisalFinalized['data']).potential])).toEqual([
        [stream, 'performance.AppraisalFinalized', 2, null],
        ['performance-appraisal-C2-ana', 'performance.AppraisalFinalized', 2, 'high'],
      ]);
      for (const e of published) expect(contractProblems({ type: e.type, version: e.schemaVersion, data: e.data })).toEqual([]);
      expect(parsed(await collect(logTopic, 2)).map((e) => [e.type, e.channel])).toEqual([
        ['performance.AppraisalFinalized', 'log'],
        ['performance.AppraisalFinalized', 'log'],
      ]);
    } finally {
      await relay.stop();
    }
  });

  it('hands a v1 envelope from the broker to an inbox reaction and to a projection as v2', async () => {
    const topic = uniqueName('performance.events');
    await createTopics([topic], 1);
    const old: Envelope<AppraisalFinalizedV1['type'], AppraisalFinalizedV1['data']> = {
      eventId: randomUUID(),
      type: 'performance.AppraisalFinalized',
      schemaVersion: 1,
      context: 'performance',
      streamId: stream,
      streamVersion: 1,
      position: 1,
      occurredAt: v1.finalizedAt,
      recordedAt: v1.finalizedAt,
      actor,
      businessUnitId: 'sales',
      correlationId: randomUUID(),
      causationId: null,
      traceparent: null,
      data: v1,
    };
    const producer = testKafka().producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [toKafkaMessage(old)] });
    await producer.disconnect();

    const handled: Envelope[] = [];
    const consumer = new InboxConsumer({
      name: uniqueName('v2-reader'),
      kafka: testKafka(),
      pool,
      topics: [topic],
      fromBeginning: true,
      logger: silentLogger,
      handlers: { 'performance.AppraisalFinalized': async (e) => void handled.push(e) },
    });
    await consumer.start();
    try {
      await eventually(() => expect(handled).toHaveLength(1), { timeoutMs: 45_000 });
    } finally {
      await consumer.stop();
    }
    expect(handled[0]).toMatchObject({ eventId: old.eventId, schemaVersion: 2, data: { ...v1, potential: null } });

    // The projection runner decodes the same bytes through its own decoder.
    const [message] = await collect(topic, 1);
    const decoded = decodeEnvelope(message.value);
    expect(decoded).toMatchObject({ ok: true, envelope: { eventId: old.eventId, schemaVersion: 2, data: { ...v1, potential: null } } });
  });
});
