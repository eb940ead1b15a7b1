import { randomUUID } from 'node:crypto';
import { PostgresEventStore, START, type AppendMetadata, type LogPosition } from '@tpm/event-store';
import { createTestDatabase, type TestDatabase } from '@tpm/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { silentLogger } from '@tpm/logging';
import { PROJECTION_STORE_MIGRATIONS } from './projection-store.migration';
import { StoreProcessor } from './store-processor';
import { StoreProjectionRunner } from './store-projection-runner';
import { rebuildStoreProjection } from './store-rebuild';
import { replayParked } from './parked-replay';
import { countingProjection, countsOf, createCountingTable } from './testing/counting.projection';

jest.setTimeout(60_000);

let db: TestDatabase;
let ds: DataSource;
let store: PostgresEventStore;
const feeds: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  db = await createTestDatabase('store_projections');
  ds = new DataSource({ type: 'postgres', url: db.url, migrations: PROJECTION_STORE_MIGRATIONS, migrationsRun: true, poolSize: 20 });
  await ds.initialize();
  store = new PostgresEventStore({ connectionString: db.url });
  await store.ensureSchema();
});

afterEach(async () => {
  await Promise.all(feeds.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await store?.close();
  await ds?.destroy();
  await db?.drop();
});

const metadata: AppendMetadata = { actor: { subject: 'user:test', roles: ['hr'] }, correlationId: 'c-1' };
/** Appends n `Counted` events spread over streams; returns what each stream should count. */
async function append(n: number, streams = ['a', 'b', 'c'], tag = randomUUID().slice(0, 6)): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const stream = `${tag}-${streams[i % streams.length]}`;
      counts[stream] = (counts[stream] ?? 0) + 1;
      return store.append(stream, [{ eventId: randomUUID(), type: 'Counted', data: { i } }, { eventId: randomUUID(), type: 'Ignored', data: {} }], {
        expectedVersion: 'any',
        metadata,
      });
    }),
  );
  return counts;
}
const merge = (...all: Record<string, number>[]) =>
  all.reduce<Record<string, number>>((m, c) => {
    for (const [k, v] of Object.entries(c)) m[k] = (m[k] ?? 0) + v;
    return m;
  }, {});
/** The counts of the streams one test wrote (every test shares the store). */
const mine = (counts: Record<string, number>, expected: Record<string, number>) => Object.fromEntries(Object.keys(expected).map((k) => [k, counts[k]]));

async function setup(opts: { failOnceOn?: string; failAlwaysOn?: string } = {}) {
  const projection = countingProjection(`counting-${randomUUID().slice(0, 8)}`, Object.assign(opts, { type: 'training.Counted' }));
  await createCountingTable(ds, projection.table);
  return projection;
}
const runner = (projection: Awaited<ReturnType<typeof setup>>, extra: Partial<ConstructorParameters<typeof StoreProjectionRunner>[0]> = {}) => {
  const r = new StoreProjectionRunner({ projection, context: 'training', dataSource: ds, store, logger: silentLogger, pollMs: 50, lockRetryMs: 200, batchSize: 25, ...extra });
  feeds.push(r);
  return r;
};
const committedHead = async (): Promise<LogPosition> => {
  let after: LogPosition = START;
  for (;;) {
    const { events, next } = await store.readAll({ after, limit: 1000, horizon: 'committed' });
    if (!events.length) return after;
    after = next;
  }
};

describe('StoreProjectionRunner (the service store as source)', () => {
  it('applies each store event once, as an Envelope, with the checkpoint in the same transaction', async () => {
    const projection = await setup();
    const expected = await append(60);
    const r = runner(projection);
    expect((await r.status()).totalLag).toBe(String(60 + 0)); // unread: its own type only
    await r.start();
    await r.catchUp();
    expect(mine(await countsOf(ds, projection.table), expected)).toEqual(expected);
    const status = await r.status();
    expect(status).toMatchObject({ source: 'store', state: 'active', totalLag: '0' });
    expect(status.partitions[0].checkpoint).toMatch(/^\d+:\d+$/);
  });

  it('rolls back a batch that crashes midway and applies it exactly once when it is read again', async () => {
    const poison: { failOnceOn?: string } = {};
    const projection = await setup(poison);
    const tag = randomUUID().slice(0, 6);
    const first = await append(10, ['a', 'b'], tag);
    const { events } = await store.readAll({ limit: 10_000, types: ['Counted'], horizon: 'committed' });
    poison.failOnceOn = events.filter((e) => e.streamId.startsWith(tag))[3].eventId;
    const r = runner(projection);
    await r.start();
    const more = await append(10);
    await r.catchUp();
    expect(projection.failures).toBe(1);
    const all = merge(first, more);
    expect(mine(await countsOf(ds, projection.table), all)).toEqual(all);
  });

  it('parks the one event it cannot apply, moves its position past it, keeps applying the rest once, and replays it after a fix', async () => {
    const poison: { failAlwaysOn?: string } = {};
    const projection = await setup(poison);
    const tag = randomUUID().slice(0, 6);
    const first = await append(10, ['a', 'b'], tag);
    const { events } = await store.readAll({ limit: 10_000, types: ['Counted'], horizon: 'committed' });
    const bad = events.filter((e) => e.streamId.startsWith(tag))[3];
    poison.failAlwaysOn = bad.eventId;
    const r = runner(projection, { maxAttempts: 2, retryBackoffMs: 10 });
    await r.start();
    await r.catchUp();
    const expectedFirst = merge(first, { [bad.streamId]: -1 });
    expect(mine(await countsOf(ds, projection.table), expectedFirst)).toEqual(expectedFirst);
    const parked: { topic: string; partition: number; offset: string; event_id: string; event_type: string; error: string }[] = await ds.query(
      'SELECT topic, partition, "offset"::text AS "offset", event_id, event_type, error FROM projection_parked WHERE projection = $1',
      [projection.name],
    );
    expect(parked).toEqual([{ topic: '$store', partition: 0, offset: String(bad.globalPosition), event_id: bad.eventId, event_type: 'training.Counted', error: expect.stringContaining('poison event') }]);
    const status = await r.status();
    expect(status.parked).toBe(1);
    expect(status.recentParked[0]).toMatchObject({ eventId: bad.eventId });
    expect(status.totalLag).toBe('0');

    // Later events keep flowing, once each.
    const more = await append(10, ['c'], tag);
    await r.catchUp();
    const expectedAll = merge(expectedFirst, more);
    expect(mine(await countsOf(ds, projection.table), expectedAll)).toEqual(expectedAll);

    const fixed = countingProjection(projection.name, { type: 'training.Counted' });
    expect(await replayParked(fixed, ds)).toMatchObject({ replayed: 1, stillFailing: 0 });
    expect(await replayParked(fixed, ds)).toMatchObject({ replayed: 0, stillFailing: 0 });
    const healed = merge(expectedAll, { [bad.streamId]: 1 });
    expect(mine(await countsOf(ds, projection.table), healed)).toEqual(healed);
    expect((await r.status()).parked).toBe(0);
  });

  it('never double-counts across a restart from the stored checkpoint', async () => {
    const projection = await setup();
    const before = await append(20);
    const r1 = runner(projection);
    await r1.start();
    await r1.catchUp();
    await r1.stop();
    const after = await append(15, ['a', 'd']);
    const r2 = runner(projection);
    await r2.start();
    await r2.catchUp();
    const all = merge(before, after);
    expect(mine(await countsOf(ds, projection.table), all)).toEqual(all);
  });

  it('keeps one runner active across replicas, hands over on stop, and lets a standby wait for a position', async () => {
    const projection = await setup();
    const a = runner(projection);
    const b = runner(projection);
    await a.start();
    await a.whenActive();
    await b.start();
    await new Promise((r) => setTimeout(r, 600));
    expect([a.state, b.state]).toEqual(['active', 'standby']);

    const first = await append(12);
    // The standby answers from the stored checkpoint, which the active replica moves.
    await b.waitFor(await committedHead());
    expect(mine(await countsOf(ds, projection.table), first)).toEqual(first);

    await a.stop();
    await b.whenActive();
    const more = await append(6);
    await b.catchUp();
    const all = merge(first, more);
    expect(mine(await countsOf(ds, projection.table), all)).toEqual(all);
  });

  it('waitFor times out with a typed error when the position is not reached', async () => {
    const projection = await setup();
    const r = runner(projection); // never started
    await append(1);
    await expect(r.waitFor(await committedHead(), { timeoutMs: 300 })).rejects.toMatchObject({ code: 'PROJECTION_WAIT_TIMEOUT' });
  });

  it('catchUp inside an open transaction waits only for what precedes it, never for its own commit', async () => {
    const projection = await setup();
    const r = runner(projection);
    await r.start();
    const before = await append(5);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_current_xact_id()'); // holds a transaction id, as an inbox transaction does
      const during = await append(5);
      await r.catchUp({ horizon: 'safe', timeoutMs: 10_000 });
      expect(mine(await countsOf(ds, projection.table), before)).toEqual(before);
      await client.query('COMMIT');
      await r.catchUp();
      expect(mine(await countsOf(ds, projection.table), during)).toEqual(during);
    } finally {
      await client.end();
    }
  });
});

describe('rebuildStoreProjection', () => {
  it('builds beside from the store and swaps while the live runner keeps going, losing nothing appended meanwhile', async () => {
    const projection = await setup();
    const history = await append(150, ['a', 'b', 'c', 'd', 'e']);
    const live = runner(projection);
    await live.start();
    await live.catchUp();

    let appending: Promise<Record<string, number>> | null = null;
    const progress: [number, number][] = [];
    const result = await rebuildStoreProjection({
      projection,
      dataSource: ds,
      store,
      context: 'training',
      batchSize: 20,
      logger: silentLogger,
      onProgress: (done, total) => {
        progress.push([done, total]);
        appending ??= append(20, ['a', 'b', 'c', 'd', 'e']);
      },
    });
    const during = await appending!;
    const after = await append(5, ['a', 'b', 'c', 'd', 'e']);
    await live.catchUp();
    const all = merge(history, during, after);
    expect(mine(await countsOf(ds, projection.table), all)).toEqual(all);
    expect(result.messages).toBeGreaterThanOrEqual(150);
    expect(progress.at(-1)![0]).toBe(result.messages);
    const leftovers = await ds.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE $1`, [`${projection.table}__%`]);
    expect(leftovers).toEqual([]);
  });
});

describe('StoreProcessor (a process manager with its own checkpoint)', () => {
  it('appends nothing twice when its events are handled again after a crash or a checkpoint reset', async () => {
    const name = `process-${randomUUID().slice(0, 8)}`;
    const table = name.replace(/-/g, '_');
    await ds.query(`CREATE TABLE "${table}" (source_event text PRIMARY KEY)`);
    const tag = randomUUID().slice(0, 6);
    let crashes = 0;
    const processor = () => {
      const p = new StoreProcessor({
        name,
        dataSource: ds,
        store,
        logger: silentLogger,
        pollMs: 50,
        lockRetryMs: 200,
        types: ['Requested'],
        policy: async (e, tx) => {
          // Appends a reply with an id derived from the event, writes locally, then (once) dies.
          await store.append(`reply-${e.streamId}`, [{ eventId: uuidFrom(e.eventId), type: 'Replied', data: { to: e.eventId } }], { expectedVersion: 'any', metadata });
          await tx.query(`INSERT INTO "${table}" (source_event) VALUES ($1)`, [e.eventId]);
          if (crashes === 0 && (e.data as { i: number }).i === 4) {
            crashes++;
            throw new Error('simulated crash after the append, before the commit');
          }
        },
      });
      feeds.push(p);
      return p;
    };
    for (let i = 0; i < 10; i++) await store.append(`${tag}-req-${i}`, [{ eventId: randomUUID(), type: 'Requested', data: { i } }], { expectedVersion: 'any', metadata });
    const p1 = processor();
    await p1.start();
    await p1.catchUp();
    expect(crashes).toBe(1);
    const replies = async () => (await ds.query(`SELECT count(*)::int AS n FROM es.events WHERE type = 'Replied' AND stream_id LIKE $1`, [`reply-${tag}-%`]))[0].n;
    expect(await replies()).toBe(10);
    expect((await ds.query(`SELECT count(*)::int AS n FROM "${table}"`))[0].n).toBe(10);

    // Replay everything: the policy runs again for each event, the store refuses the duplicates.
    await p1.stop();
    await ds.query(`DELETE FROM projection_positions WHERE projection = $1`, [name]);
    await ds.query(`DELETE FROM "${table}"`);
    const p2 = processor();
    await p2.start();
    await p2.catchUp();
    expect(await replies()).toBe(10);
    expect((await ds.query(`SELECT count(*)::int AS n FROM "${table}"`))[0].n).toBe(10);
  });

  it('parks the one event its policy cannot handle and handles the next ones', async () => {
    const tag = randomUUID().slice(0, 6);
    const handled: number[] = [];
    const processor = new StoreProcessor({
      name: `process-${randomUUID().slice(0, 8)}`,
      dataSource: ds,
      store,
      logger: silentLogger,
      pollMs: 50,
      maxAttempts: 2,
      retryBackoffMs: 10,
      types: ['Asked'],
      policy: async (e) => {
        const i = (e.data as { i: number }).i;
        if (!e.streamId.startsWith(tag)) return;
        if (i === 2) throw new Error('policy cannot handle it');
        handled.push(i);
      },
    });
    feeds.push(processor);
    for (let i = 0; i < 5; i++) await store.append(`${tag}-ask-${i}`, [{ eventId: randomUUID(), type: 'Asked', data: { i } }], { expectedVersion: 'any', metadata });
    await processor.start();
    await processor.catchUp();
    expect(handled).toEqual([0, 1, 3, 4]);
    const status = await processor.status();
    expect(status.parked).toBe(1);
    expect(status.recentParked[0]).toMatchObject({ topic: '$store', eventType: 'Asked', error: expect.stringContaining('policy cannot handle it') });
  });

  it('waits for the read models it depends on before handling an event', async () => {
    const projection = await setup();
    const readModel = runner(projection);
    const tag = randomUUID().slice(0, 6);
    const seen: number[] = [];
    const processor = new StoreProcessor({
      name: `process-${randomUUID().slice(0, 8)}`,
      dataSource: ds,
      store,
      logger: silentLogger,
      pollMs: 50,
      types: ['Counted'],
      dependsOn: [readModel],
      policy: async (e, tx) => {
        if (!e.streamId.startsWith(tag)) return; // the store is shared with the other tests
        const { rows } = await tx.query(`SELECT events FROM "${projection.table}" WHERE stream_id = $1`, [e.streamId]);
        seen.push(rows[0]?.events ?? 0);
      },
    });
    feeds.push(processor);
    await processor.start();
    const counts = await append(6, ['x'], tag);
    await new Promise((r) => setTimeout(r, 500));
    expect(seen).toEqual([]); // the read model is not running yet: the processor waits
    await readModel.start();
    await processor.catchUp();
    expect(seen).toHaveLength(6);
    expect(seen.every((n) => n === Object.values(counts)[0])).toBe(true);
  });
});

const uuidFrom = (id: string) => id.replace(/^.{8}/, 'ffffffff');
