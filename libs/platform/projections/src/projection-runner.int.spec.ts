import { createTestDatabase, createTopics, eventually, testKafka, uniqueName, type TestDatabase } from '@tpm/testing';
import type { Envelope } from '@tpm/contracts';
import type { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { silentLogger } from '@tpm/logging';
import { ProjectionRunner } from './projection-runner';
import { rebuildProjection } from './projection-rebuild';
import { PROJECTION_STORE_MIGRATIONS } from './projection-store.migration';
import { replayParked } from './parked-replay';
import { counted, countingProjection, countsOf, createCountingTable } from './testing/counting.projection';

jest.setTimeout(60_000);

let db: TestDatabase;
let ds: DataSource;
let kafka: Kafka;
let producer: Producer;
const runners: ProjectionRunner[] = [];

beforeAll(async () => {
  db = await createTestDatabase('projections');
  ds = new DataSource({ type: 'postgres', url: db.url, migrations: PROJECTION_STORE_MIGRATIONS, migrationsRun: true, poolSize: 20 });
  await ds.initialize();
  kafka = testKafka();
  producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
  await producer.connect();
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await producer?.disconnect();
  await ds?.destroy();
  await db?.drop();
});

const produce = (topic: string, events: (Envelope | string)[]) =>
  producer.send({
    topic,
    messages: events.map((e) => (typeof e === 'string' ? { key: 'junk', value: e } : { key: e.streamId, value: JSON.stringify(e) })),
  });

const runner = (projection: ReturnType<typeof countingProjection>, topic: string, extra: Partial<ConstructorParameters<typeof ProjectionRunner>[0]> = {}) => {
  const r = new ProjectionRunner({ projection, dataSource: ds, kafka, topics: [topic], groupId: uniqueName('g'), logger: silentLogger, lockRetryMs: 200, ...extra });
  runners.push(r);
  return r;
};

async function setup(opts: { failOnceOn?: string } = {}) {
  const topic = uniqueName('counts');
  await createTopics([topic], 3);
  const projection = countingProjection(uniqueName('counting'), opts);
  await createCountingTable(ds, projection.table);
  return { topic, projection };
}

const streamsOf = (n: number, streams = ['a', 'b', 'c', 'd', 'e']) => Array.from({ length: n }, (_, i) => counted(streams[i % streams.length]));
const expected = (events: Envelope[]) => events.reduce<Record<string, number>>((m, e) => ({ ...m, [e.streamId]: (m[e.streamId] ?? 0) + 1 }), {});
const settle = (ms = 1500) => new Promise((r) => setTimeout(r, ms));

describe('ProjectionRunner', () => {
  it('applies every event once and stores the checkpoint in the same transaction as the writes', async () => {
    const { topic, projection } = await setup();
    const events = streamsOf(30);
    await produce(topic, events);
    const r = runner(projection, topic);
    await r.start();
    await eventually(async () => expect(await countsOf(ds, projection.table)).toEqual(expected(events)));
    const [{ sum }] = await ds.query('SELECT sum(next_offset)::int AS sum FROM projection_checkpoints WHERE projection = $1', [projection.name]);
    expect(sum).toBe(30);
    const status = await r.status();
    expect(status.state).toBe('active');
    expect(status.totalLag).toBe('0');
    expect(status.partitions).toHaveLength(3);
  });

  it('reports the lag of a projection that has not caught up', async () => {
    const { topic, projection } = await setup();
    await produce(topic, streamsOf(12));
    const r = runner(projection, topic);
    expect((await r.status()).totalLag).toBe('12');
  });

  it('never double-counts when restarted under a reset consumer group (redelivery from offset 0)', async () => {
    const { topic, projection } = await setup();
    const first = streamsOf(20);
    await produce(topic, first);
    const r1 = runner(projection, topic);
    await r1.start();
    await eventually(async () => expect(await countsOf(ds, projection.table)).toEqual(expected(first)));
    await r1.stop();

    // A brand-new group has no offsets: without the stored checkpoint it would replay everything.
    const more = streamsOf(7);
    await produce(topic, more);
    const r2 = runner(projection, topic);
    await r2.start();
    await eventually(async () => expect(await countsOf(ds, projection.table)).toEqual(expected([...first, ...more])));
    await settle();
    expect(await countsOf(ds, projection.table)).toEqual(expected([...first, ...more]));
  });

  it('rolls back a batch that crashes midway and applies it exactly once on redelivery', async () => {
    const poison = counted('a');
    const { topic, projection } = await setup({ failOnceOn: poison.eventId });
    const events = [...streamsOf(10), poison, ...streamsOf(10)];
    await produce(topic, events);
    const r = runner(projection, topic);
    await r.start();
    await eventually(async () => expect(await countsOf(ds, projection.table)).toEqual(expected(events)));
    expect(projection.failures).toBe(1);
    await settle();
    expect(await countsOf(ds, projection.table)).toEqual(expected(events));
  });

  it('resumes without loss or double count after the runner is killed between batches', async () => {
    const { topic, projection } = await setup();
    const before = streamsOf(15);
    await produce(topic, before);
    const r1 = runner(projection, topic, { groupId: 'same-group-' + projection.name });
    await r1.start();
    await eventually(async () => expect(await countsOf(ds, projection.table)).toEqual(expected(before)));
    await r1.stop();
    const after = streamsOf(9);
    await produce(topic, after);
    const r2 = runner(projection, topic, { groupId: 'same-group-' + projection.name });
    await r2.start();
    await eventually(async () => expect(await countsOf(ds, projection.table)).toEqual(expected([...before, ...after])));
  });

  it('parks the one message its SQL cannot store after the retries, applies the rest once, moves on, and replays it after a fix', async () => {
    const { topic, projection } = await setup();
    // One key, so one partition: the poison sits between good messages, as in the incident.
    const before = streamsOf(10, ['p']);
    const poison: Envelope = { ...counted('p'), data: { name: 'Ann\u0000e' } }; // jsonb refuses \u0000
    const after = streamsOf(10, ['p']);
    await produce(topic, [...before, poison, ...after]);
    const r = runner(projection, topic, { maxAttempts: 2, retryBackoffMs: 10 });
    await r.start();
    await eventually(async () => expect(await countsOf(ds, projection.table)).toEqual({ p: 20 }));
    const parked: { offset: string; event_id: string; event_type: string; error: string; attempts: number; replayed_at: Date | null }[] = await ds.query(
      'SELECT "offset"::text AS "offset", event_id, event_type, error, attempts, replayed_at FROM projection_parked WHERE projection = $1',
      [projection.name],
    );
    expect(parked).toEqual([{ offset: '10', event_id: poison.eventId, event_type: 'test.Counted', error: expect.stringContaining('Unicode escape'), attempts: 2, replayed_at: null }]);
    const [cp] = await ds.query('SELECT next_offset::int AS n FROM projection_checkpoints WHERE projection = $1 AND next_offset > 0', [projection.name]);
    expect(cp.n).toBe(21);
    const status = await r.status();
    expect(status.parked).toBe(1);
    expect(status.recentParked[0]).toMatchObject({ offset: '10', eventId: poison.eventId, error: expect.stringContaining('Unicode escape') });
    expect(status.totalLag).toBe('0');

    // Later messages keep flowing, applied once.
    await produce(topic, streamsOf(5, ['p']));
    await eventually(async () => expect(await countsOf(ds, projection.table)).toEqual({ p: 25 }));
    await settle(500);
    expect(await countsOf(ds, projection.table)).toEqual({ p: 25 });

    // Still broken: stays parked with its new error.
    expect(await replayParked(projection, ds)).toMatchObject({ replayed: 0, stillFailing: 1 });
    // The fix: a version that drops what jsonb refuses.
    const fixed = { ...projection, apply: (batch: Envelope[], tx: import('typeorm').EntityManager, t: Record<string, string>) => projection.apply(batch.map((e) => ({ ...e, data: {} })), tx, t) };
    expect(await replayParked(fixed, ds)).toMatchObject({ replayed: 1, stillFailing: 0 });
    expect(await countsOf(ds, projection.table)).toEqual({ p: 26 });
    expect(await replayParked(fixed, ds)).toMatchObject({ replayed: 0, stillFailing: 0 });
    expect(await countsOf(ds, projection.table)).toEqual({ p: 26 });
    const [{ replayed_at }] = await ds.query('SELECT replayed_at FROM projection_parked WHERE projection = $1', [projection.name]);
    expect(replayed_at).not.toBeNull();
    expect((await r.status()).parked).toBe(0);
  });

  it('records malformed messages in projection_errors and moves past them', async () => {
    const { topic, projection } = await setup();
    const good = streamsOf(6, ['junk']);
    // Same key as the good ones, so they share a partition and must not block it.
    await produce(topic, ['not json {', JSON.stringify({ eventId: 'x', type: 'test.Counted' }), ...good.map((e) => JSON.stringify(e))]);
    const r = runner(projection, topic);
    await r.start();
    await eventually(async () => expect(await countsOf(ds, projection.table)).toEqual({ junk: 6 }));
    const errors: { offset: string; error: string }[] = await ds.query(
      'SELECT "offset"::text AS "offset", error FROM projection_errors WHERE projection = $1 ORDER BY "offset"',
      [projection.name],
    );
    expect(errors).toEqual([
      { offset: '0', error: expect.stringContaining('invalid JSON') },
      { offset: '1', error: expect.stringContaining('missing or invalid fields') },
    ]);
  });

  it('keeps exactly one runner active per projection and hands over when the active one stops', async () => {
    const { topic, projection } = await setup();
    const a = runner(projection, topic, { groupId: 'g-' + projection.name });
    const b = runner(projection, topic, { groupId: 'g-' + projection.name });
    await a.start();
    await a.whenActive();
    await b.start();
    await settle(1000);
    expect([a.state, b.state]).toEqual(['active', 'standby']);

    const first = streamsOf(10);
    await produce(topic, first);
    await eventually(async () => expect(await countsOf(ds, projection.table)).toEqual(expected(first)));

    await a.stop();
    await b.whenActive();
    const more = streamsOf(5);
    await produce(topic, more);
    await eventually(async () => expect(await countsOf(ds, projection.table)).toEqual(expected([...first, ...more])));
  });
});

describe('rebuildProjection', () => {
  it('builds beside and swaps while the live runner keeps running, losing nothing published meanwhile', async () => {
    const { topic, projection } = await setup();
    const history = streamsOf(200);
    await produce(topic, history);
    const live = runner(projection, topic);
    await live.start();
    await eventually(async () => expect(await countsOf(ds, projection.table)).toEqual(expected(history)));

    const during = streamsOf(25);
    let publishing: Promise<unknown> | null = null;
    const progress: [number, number][] = [];
    const result = await rebuildProjection({
      projection,
      dataSource: ds,
      kafka,
      topics: [topic],
      logger: silentLogger,
      onProgress: (done, total) => {
        progress.push([done, total]);
        publishing ??= produce(topic, during);
      },
    });
    await publishing;
    const after = streamsOf(5);
    await produce(topic, after);

    const all = [...history, ...during, ...after];
    await eventually(async () => expect(await countsOf(ds, projection.table)).toEqual(expected(all)));
    await settle();
    expect(await countsOf(ds, projection.table)).toEqual(expected(all));
    expect(result.messages).toBeGreaterThanOrEqual(200);
    expect(progress.at(-1)![0]).toBe(result.messages);
    const leftovers = await ds.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE $1`, [`${projection.table}__%`]);
    expect(leftovers).toEqual([]);
  });
});
