import { silentLogger } from '@tpm/logging';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import type { Envelope, PublishedLanguage } from '@tpm/contracts';
import { PostgresEventStore, anchorsFromMessages } from '@tpm/event-store';
import { createTestDatabase, createTopics, eventually, testBrokers, testKafka, uniqueName, type TestDatabase } from '@tpm/testing';
import { OutboxRelay } from './outbox-relay';
import { SwitchableNetwork } from './testing/switchable-network';

const actor = { subject: 'E-1', roles: ['hr' as const] };
const meta = (correlationId = randomUUID()) => ({ actor, correlationId, businessUnitId: 'BU-1' });

async function collect(topic: string, expected: number): Promise<KafkaMessage[]> {
  const consumer = testKafka().consumer({ groupId: uniqueName('collect') });
  const seen: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });
  try {
    await eventually(() => expect(seen.length).toBeGreaterThanOrEqual(expected), { timeoutMs: 45_000 });
    // Let stragglers (duplicates) arrive before judging.
    await new Promise((r) => setTimeout(r, 500));
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

const envelopes = (messages: KafkaMessage[]) => messages.map((m) => JSON.parse(m.value!.toString()) as Envelope);

// Every type but `Internal*` is published, as v7 of its integration event with the payload wrapped:
// what reaches `.events` is visibly the mapping's output, not the stored event.
const published: PublishedLanguage = (e) =>
  e.type.startsWith('Internal') ? null : { type: `performance.${e.type}`, version: 7, data: { stored: e.data } };

describe('OutboxRelay (real PostgreSQL, real Kafka)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let topic: string;
  let logTopic: string;
  let sealsTopic: string;
  const relays: OutboxRelay[] = [];

  beforeEach(async () => {
    db = await createTestDatabase('relay');
    pool = new Pool({ connectionString: db.url, max: 10 });
    store = new PostgresEventStore({ pool });
    await store.ensureSchema();
    topic = uniqueName('performance.events');
    logTopic = uniqueName('performance.log');
    sealsTopic = uniqueName('performance.seals');
    await createTopics([topic, logTopic], 3);
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await store.close();
    await pool.end();
    await db.drop();
  });

  const relay = (kafka: Kafka = testKafka(), idleDelayMs = 20, sealEveryMs?: number, batchSize?: number) => {
    const r = new OutboxRelay({
      context: 'performance', store, pool, kafka, topic, logTopic, sealsTopic, published, idleDelayMs, sealEveryMs, batchSize, standbyDelayMs: 100, logger: silentLogger,
    });
    relays.push(r);
    return r;
  };

  it('publishes every event once, keyed by stream, with qualified type and ids in headers', async () => {
    const correlationId = randomUUID();
    for (let s = 0; s < 5; s++) {
      await store.append(
        `employee-${s}`,
        [1, 2, 3].map((n) => ({ eventId: randomUUID(), type: 'EmployeeTransferred', data: { n } })),
        { expectedVersion: 'no-stream', metadata: meta(correlationId) },
      );
    }
    await relay().start();
    const messages = await collect(logTopic, 15);
    expect(messages).toHaveLength(15);
    const first = messages[0];
    expect(first.key!.toString()).toMatch(/^employee-\d$/);
    expect(first.headers!['event-type']!.toString()).toBe('performance.EmployeeTransferred');
    expect(first.headers!['correlation-id']!.toString()).toBe(correlationId);
    const env = envelopes(messages);
    expect(new Set(env.map((e) => e.eventId)).size).toBe(15);
    expect(env.every((e) => e.businessUnitId === 'BU-1' && e.actor.subject === 'E-1' && e.channel === 'log')).toBe(true);
  });

  it('publishes on .events only the integration events the published language maps, and every event on .log', async () => {
    const correlationId = randomUUID();
    await store.append(
      'employee-1',
      [
        { eventId: randomUUID(), type: 'EmployeeTransferred', data: { n: 1 } },
        { eventId: randomUUID(), type: 'InternalNote', data: { n: 2 } },
        { eventId: randomUUID(), type: 'EmployeeTransferred', data: { n: 3 } },
      ],
      { expectedVersion: 'no-stream', metadata: meta(correlationId) },
    );
    await relay().start();
    const log = envelopes(await collect(logTopic, 3));
    const events = envelopes(await collect(topic, 2));
    expect(log.map((e) => [e.type, e.schemaVersion, e.data])).toEqual([
      ['performance.EmployeeTransferred', 1, { n: 1 }],
      ['performance.InternalNote', 1, { n: 2 }],
      ['performance.EmployeeTransferred', 1, { n: 3 }],
    ]);
    expect(events.map((e) => [e.type, e.schemaVersion, e.data, e.channel])).toEqual([
      ['performance.EmployeeTransferred', 7, { stored: { n: 1 } }, 'events'],
      ['performance.EmployeeTransferred', 7, { stored: { n: 3 } }, 'events'],
    ]);
    // The integration event keeps the stored event's identity and metadata: inboxes dedupe on it.
    expect(events.map((e) => e.eventId)).toEqual([log[0].eventId, log[2].eventId]);
    expect(events.every((e) => e.correlationId === correlationId && e.streamVersion > 0 && e.streamId === 'employee-1')).toBe(true);
  });

  it('keeps each stream in version order across partitions', async () => {
    const appends = [];
    for (let v = 0; v < 20; v++) {
      for (let s = 0; s < 4; s++) {
        appends.push(store.append(`stream-${s}`, [{ eventId: randomUUID(), type: 'Tick', data: { v } }], { expectedVersion: 'any', metadata: meta() }));
      }
    }
    await Promise.all(appends);
    await relay().start();
    for (const t of [logTopic, topic]) {
      const env = envelopes(await collect(t, 80));
      for (let s = 0; s < 4; s++) {
        const versions = env.filter((e) => e.streamId === `stream-${s}`).map((e) => e.streamVersion);
        expect(versions).toEqual([...versions].sort((a, b) => a - b));
        expect(new Set(versions).size).toBe(20);
      }
    }
  });

  /** Four streams of `perStream` events, appended in rounds so that their events interleave in the log. */
  const interleaved = async (perStream: number) => {
    for (let v = 0; v < perStream; v++) {
      await Promise.all(
        Array.from({ length: 4 }, (_, s) => store.append(`stream-${s}`, [{ eventId: randomUUID(), type: 'Tick', data: { v } }], { expectedVersion: 'any', metadata: meta() })),
      );
    }
    const { events } = await store.readAll({ limit: 10_000 });
    return events;
  };
  const checkpointRow = async () =>
    (await pool.query<{ position: string; published: string }>('SELECT position, published FROM messaging.relay_checkpoints WHERE relay LIKE $1', [`relay:%:${logTopic}`])).rows[0];

  it('reads batches ahead while one is acknowledged, yet publishes each event once, in stream order, and checkpoints the last one', async () => {
    const stored = await interleaved(30);
    const r = relay(testKafka(), 20, undefined, 7);
    await r.start();
    await eventually(() => expect(r.status().published).toBe(120));
    for (const t of [logTopic, topic]) {
      const env = envelopes(await collect(t, 120));
      expect(env).toHaveLength(120);
      expect(new Set(env.map((e) => e.eventId))).toEqual(new Set(stored.map((e) => e.eventId)));
      for (let s = 0; s < 4; s++) {
        expect(env.filter((e) => e.streamId === `stream-${s}`).map((e) => e.streamVersion)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      }
    }
    expect(await checkpointRow()).toEqual({ position: stored.at(-1)!.logPosition, published: '120' });
  });

  it('never checkpoints past an event the broker has not acknowledged when Kafka goes away mid-drain', async () => {
    const stored = await interleaved(50);
    const network = new SwitchableNetwork();
    const kafka = new Kafka({
      clientId: uniqueName('relay'), brokers: testBrokers(), logLevel: logLevel.NOTHING, socketFactory: network.socketFactory,
      retry: { retries: 2, initialRetryTime: 50, maxRetryTime: 200 }, connectionTimeout: 500, requestTimeout: 2000,
    });
    const r = relay(kafka, 20, undefined, 5);
    await r.start();
    await eventually(() => expect(r.status().published).toBeGreaterThanOrEqual(20), { intervalMs: 5 });
    network.cut();
    await eventually(() => expect(r.status().lastError).not.toBeNull(), { timeoutMs: 20_000 });
    const checkpoint = await checkpointRow();
    const relayed = Number(checkpoint.published);
    expect(relayed).toBeLessThan(200);
    expect(checkpoint.position).toBe(stored[relayed - 1].logPosition);
    // Everything the checkpoint has passed is on both topics already.
    const before = new Set(envelopes(await collect(logTopic, relayed)).map((e) => e.eventId));
    expect(stored.slice(0, relayed).filter((e) => !before.has(e.eventId))).toEqual([]);

    network.restore();
    await eventually(() => expect(r.status().published).toBe(200), { timeoutMs: 45_000 });
    for (const t of [logTopic, topic]) {
      const env = envelopes(await collect(t, 200));
      expect(new Set(env.map((e) => e.eventId))).toEqual(new Set(stored.map((e) => e.eventId)));
      for (let s = 0; s < 4; s++) {
        // A batch whose ack was lost is sent again: first occurrences are what a deduping reader sees.
        const versions = [...new Set(env.filter((e) => e.streamId === `stream-${s}`).map((e) => e.streamVersion))];
        expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      }
    }
  });

  it('loses nothing across a Kafka outage and resumes from its checkpoint', async () => {
    const network = new SwitchableNetwork();
    const kafka = new Kafka({
      clientId: uniqueName('relay'),
      brokers: testBrokers(),
      logLevel: logLevel.NOTHING,
      socketFactory: network.socketFactory,
      retry: { retries: 2, initialRetryTime: 50, maxRetryTime: 200 },
      connectionTimeout: 500,
      requestTimeout: 2000,
    });
    const r = relay(kafka);
    await r.start();
    await store.append('s-before', [{ eventId: randomUUID(), type: 'Before', data: {} }], { expectedVersion: 'any', metadata: meta() });
    await eventually(() => expect(r.status().published).toBe(1));

    network.cut();
    for (let i = 0; i < 10; i++) {
      await store.append('s-during', [{ eventId: randomUUID(), type: 'During', data: { i } }], { expectedVersion: 'any', metadata: meta() });
    }
    await eventually(() => expect(r.status().lastError).not.toBeNull(), { timeoutMs: 20_000 });
    expect(r.status().published).toBe(1);

    network.restore();
    await eventually(() => expect(r.status().published).toBe(11), { timeoutMs: 45_000 });
    const env = envelopes(await collect(logTopic, 11));
    const during = env.filter((e) => e.streamId === 's-during').map((e) => (e.data as { i: number }).i);
    expect([...new Set(during)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const published = envelopes(await collect(topic, 11)).filter((e) => e.streamId === 's-during');
    expect([...new Set(published.map((e) => (e.data as { stored: { i: number } }).stored.i))]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('lets only one replica relay at a time, and a standby takes over when it stops', async () => {
    const a = relay();
    const b = relay();
    await a.start();
    await eventually(() => expect(a.status().active).toBe(true));
    await b.start();
    await new Promise((res) => setTimeout(res, 300));
    expect(b.status().active).toBe(false);

    await store.append('s1', [{ eventId: randomUUID(), type: 'One', data: {} }], { expectedVersion: 'any', metadata: meta() });
    await eventually(() => expect(a.status().published).toBe(1));
    await a.stop();
    await eventually(() => expect(b.status().active).toBe(true), { timeoutMs: 10_000 });
    await store.append('s1', [{ eventId: randomUUID(), type: 'Two', data: {} }], { expectedVersion: 'any', metadata: meta() });
    await eventually(() => expect(b.status().published).toBe(1));
    // The standby resumed from the shared checkpoint: nothing was published twice.
    const env = envelopes(await collect(logTopic, 2));
    expect(env.map((e) => e.type)).toEqual(['performance.One', 'performance.Two']);
  });

  it('relays an append at once when the store announces it, long before its next poll', async () => {
    const r = relay(testKafka(), 60_000);
    await r.start();
    await eventually(() => expect(r.status().active).toBe(true));
    // Let it reach its idle wait: only the store's announcement can end it within the test.
    await new Promise((res) => setTimeout(res, 500));
    await store.append('s-woken', [{ eventId: randomUUID(), type: 'Woken', data: {} }], { expectedVersion: 'any', metadata: meta() });
    await eventually(() => expect(r.status().published).toBe(1), { timeoutMs: 10_000 });
  });

  it('seals while events flow and anchors every seal on the seals topic, so verify against the topic passes', async () => {
    const r = relay(testKafka(), 20, 100);
    await r.start();
    // Events keep flowing: the relay never idles long, yet seals every sealEveryMs.
    for (let i = 0; i < 6; i++) {
      await store.append(`employee-${i}`, [{ eventId: randomUUID(), type: 'EmployeeTransferred', data: { i } }], { expectedVersion: 'no-stream', metadata: meta() });
      await new Promise((res) => setTimeout(res, 60));
    }
    await eventually(async () => expect((await store.listSeals()).at(-1)?.totalEvents).toBe(6), { timeoutMs: 20_000 });
    const seals = await store.listSeals();
    expect(seals.length).toBeGreaterThanOrEqual(2);
    const messages = await collect(sealsTopic, seals.length);
    const anchors = anchorsFromMessages(messages.map((m) => m.value));
    expect(anchors).toEqual(seals);
    expect(messages.every((m) => m.key?.toString() === 'performance')).toBe(true);
    expect(await store.verify({ anchors })).toMatchObject({ ok: true, anchorsChecked: seals.length, unsealedEvents: 0 });
    // The topic is the durable anchor: one partition, kept forever.
    const admin = testKafka().admin();
    await admin.connect();
    const [meta0] = (await admin.fetchTopicMetadata({ topics: [sealsTopic] })).topics;
    const configs = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2, name: sealsTopic, configNames: ['retention.ms'] }] });
    await admin.disconnect();
    expect(meta0.partitions).toHaveLength(1);
    expect(configs.resources[0].configEntries[0].configValue).toBe('-1');
  });

  it('does not seal when nothing new was written', async () => {
    await store.append('employee-x', [{ eventId: randomUUID(), type: 'EmployeeTransferred', data: {} }], { expectedVersion: 'no-stream', metadata: meta() });
    await relay(testKafka(), 20, 50).start();
    await eventually(async () => expect(await store.listSeals()).toHaveLength(1), { timeoutMs: 20_000 });
    await new Promise((res) => setTimeout(res, 400));
    expect(await store.listSeals()).toHaveLength(1);
  });
});
