import { silentLogger } from '@tpm/logging';
import { randomUUID } from 'node:crypto';
import type { KafkaMessage, Producer } from 'kafkajs';
import { Pool } from 'pg';
import type { Envelope } from '@tpm/contracts';
import { dlqTopicOf } from '@tpm/contracts';
import { createTestDatabase, createTopics, eventually, testKafka, uniqueName, type TestDatabase } from '@tpm/testing';
import { toKafkaMessage } from './envelope.mapping';
import { InboxConsumer, type InboxHandler } from './inbox-consumer';


const envelope = (type: string, data: unknown, eventId = randomUUID()): Envelope => ({
  eventId,
  type,
  schemaVersion: 1,
  context: 'performance',
  streamId: 'stream-1',
  streamVersion: 1,
  position: 1,
  occurredAt: new Date().toISOString(),
  recordedAt: new Date().toISOString(),
  actor: { subject: 'E-1', roles: ['hr'] },
  businessUnitId: 'BU-1',
  correlationId: randomUUID(),
  causationId: null,
  traceparent: null,
  data,
});

describe('InboxConsumer (real PostgreSQL, real Kafka)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let producer: Producer;
  let topic: string;
  let consumer: InboxConsumer | null;

  beforeAll(async () => {
    producer = testKafka().producer();
    await producer.connect();
  });
  afterAll(async () => producer.disconnect());

  beforeEach(async () => {
    db = await createTestDatabase('inbox');
    pool = new Pool({ connectionString: db.url });
    await pool.query('CREATE TABLE effects (event_id text, amount int)');
    topic = uniqueName('performance.events');
    await createTopics([topic, dlqTopicOf(topic)], 1);
  });

  afterEach(async () => {
    await consumer?.stop();
    consumer = null;
    await pool.end();
    await db.drop();
  });

  const start = async (handlers: Record<string, InboxHandler>, name = uniqueName('consumer')) => {
    consumer = new InboxConsumer({ name, kafka: testKafka(), pool, topics: [topic], handlers, maxAttempts: 3, retryDelayMs: 10, logger: silentLogger });
    await consumer.start();
    return consumer;
  };

  const recordEffect: InboxHandler = async (e, { tx }) => {
    await tx.query('INSERT INTO effects VALUES ($1, $2)', [e.eventId, (e.data as { amount: number }).amount]);
  };

  const effects = async () => (await pool.query('SELECT event_id, amount FROM effects ORDER BY amount')).rows;

  it('applies a redelivered event once: the inbox row and the effect commit together', async () => {
    const e = envelope('performance.Paid', { amount: 7 });
    await producer.send({ topic, messages: [toKafkaMessage(e), toKafkaMessage(e)] });
    const c = await start({ 'performance.Paid': recordEffect });
    await eventually(() => expect(c.status().handled + c.status().duplicates).toBe(2));
    expect(c.status()).toMatchObject({ handled: 1, duplicates: 1 });
    expect(await effects()).toEqual([{ event_id: e.eventId, amount: 7 }]);
  });

  it('changes nothing when a consumer group replays the topic from the start', async () => {
    const name = uniqueName('replayer');
    await producer.send({ topic, messages: [1, 2, 3].map((amount) => toKafkaMessage(envelope('performance.Paid', { amount }))) });
    const first = await start({ 'performance.Paid': recordEffect }, name);
    await eventually(() => expect(first.status().handled).toBe(3));
    await first.stop();
    // A new group with the same inbox name re-reads every message: the inbox absorbs them.
    consumer = new InboxConsumer({
      name,
      groupId: uniqueName('replay-group'),
      kafka: testKafka(),
      pool,
      topics: [topic],
      handlers: { 'performance.Paid': recordEffect },
      logger: silentLogger,
    });
    await consumer.start();
    await eventually(() => expect(consumer!.status().duplicates).toBe(3));
    expect((await effects()).map((r) => r.amount)).toEqual([1, 2, 3]);
  });

  it('rolls back a failed attempt, so a retry that succeeds leaves exactly one effect', async () => {
    let calls = 0;
    const flaky: InboxHandler = async (e, ctx) => {
      calls++;
      await recordEffect(e, ctx);
      if (calls === 1) throw new Error('transient failure after writing');
    };
    const c = await start({ 'performance.Paid': flaky });
    await producer.send({ topic, messages: [toKafkaMessage(envelope('performance.Paid', { amount: 5 }))] });
    await eventually(() => expect(c.status().handled).toBe(1));
    expect(calls).toBe(2);
    expect((await effects()).map((r) => r.amount)).toEqual([5]);
  });

  it('dead-letters a message that keeps failing, with its error, and moves on to the next', async () => {
    const poison = envelope('performance.Paid', { amount: -1 });
    const good = envelope('performance.Paid', { amount: 9 });
    const picky: InboxHandler = async (e, ctx) => {
      if ((e.data as { amount: number }).amount < 0) throw new Error('amount must not be negative');
      await recordEffect(e, ctx);
    };
    const c = await start({ 'performance.Paid': picky });
    await producer.send({ topic, messages: [toKafkaMessage(poison), toKafkaMessage(good)] });
    await eventually(() => expect(c.status()).toMatchObject({ handled: 1, deadLettered: 1 }));
    expect((await effects()).map((r) => r.amount)).toEqual([9]);

    const dlq: KafkaMessage[] = [];
    const reader = testKafka().consumer({ groupId: uniqueName('dlq-reader') });
    await reader.connect();
    await reader.subscribe({ topic: dlqTopicOf(topic), fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void dlq.push(message) });
    await eventually(() => expect(dlq).toHaveLength(1));
    await reader.disconnect();
    expect(dlq[0].headers!['dlq-error']!.toString()).toBe('amount must not be negative');
    expect(dlq[0].headers!['dlq-attempts']!.toString()).toBe('3');
    expect(JSON.parse(dlq[0].value!.toString()).eventId).toBe(poison.eventId);
    const { rows } = await pool.query('SELECT event_id, attempts, error FROM messaging.dead_letters');
    expect(rows).toEqual([{ event_id: poison.eventId, attempts: 3, error: 'amount must not be negative' }]);
  });

  it('applies a dead-lettered event when it is replayed after the cause was fixed', async () => {
    let fixed = false;
    const poison = envelope('performance.Paid', { amount: -4 });
    const picky: InboxHandler = async (e, ctx) => {
      if (!fixed && (e.data as { amount: number }).amount < 0) throw new Error('amount must not be negative');
      await recordEffect(e, ctx);
    };
    const c = await start({ 'performance.Paid': picky });
    await producer.send({ topic, messages: [toKafkaMessage(poison)] });
    await eventually(() => expect(c.status().deadLettered).toBe(1));
    expect(await effects()).toEqual([]);

    fixed = true;
    await producer.send({ topic, messages: [toKafkaMessage(poison)] });
    await eventually(() => expect(c.status().handled).toBe(1));
    expect(await effects()).toEqual([{ event_id: poison.eventId, amount: -4 }]);
    // Once handled, a further copy is a plain duplicate.
    await producer.send({ topic, messages: [toKafkaMessage(poison)] });
    await eventually(() => expect(c.status().duplicates).toBe(1));
    expect(await effects()).toHaveLength(1);
  });

  it('dead-letters a message that is not a valid envelope without calling any handler', async () => {
    let called = false;
    const c = await start({ 'performance.Paid': async () => void (called = true) });
    await producer.send({ topic, messages: [{ key: 'x', value: '{not json' }] });
    await eventually(() => expect(c.status().deadLettered).toBe(1));
    expect(called).toBe(false);
  });
});
