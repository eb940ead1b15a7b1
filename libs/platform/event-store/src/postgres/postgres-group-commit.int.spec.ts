import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createTestDatabase, eventually, type TestDatabase } from '@tpm/testing';
import { ConcurrencyConflict, DuplicateEventId } from '../errors';
import type { AppendOptions, ExpectedVersion } from '../event-store';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';

const opts = (expectedVersion: ExpectedVersion): AppendOptions => ({
  expectedVersion,
  metadata: { actor: { subject: 'writer', roles: ['system'] }, correlationId: 'c' },
});
const ev = (type = 'Happened', data: unknown = {}) => ({ eventId: randomUUID(), type, data });

/** Once armed, holds the next flush open (after it took its transaction id) until released. */
const gate = () => {
  let release!: () => void;
  let entered!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const reached = new Promise<void>((r) => (entered = r));
  let armed = false;
  return {
    arm: () => (armed = true),
    hook: async () => {
      if (!armed) return;
      armed = false;
      entered();
      await released;
    },
    reached,
    release,
  };
};

// The integration project's testTimeout is not applied per project: set it here.
jest.setTimeout(60_000);

let db: TestDatabase;
const stores: PostgresEventStore[] = [];
const open = async (schema: string, extra: Partial<PostgresEventStoreOptions> = {}) => {
  const store = new PostgresEventStore({ connectionString: db.url, schema, ...extra });
  await store.ensureSchema();
  stores.push(store);
  return store;
};
const txOf = (store: PostgresEventStore, eventIds: string[]) =>
  store.withClient(async (c) => (await c.query(`SELECT DISTINCT tx_id::text FROM ${store.schema}.events WHERE event_id = ANY($1::uuid[])`, [eventIds])).rows.map((r) => r.tx_id));

beforeAll(async () => {
  db = await createTestDatabase('es_group');
});
afterAll(async () => {
  for (const s of stores) await s.close();
  await db?.drop();
});

describe('group commit', () => {
  it('commits appends queued together in one transaction, failing only the one that conflicts', async () => {
    const g = gate();
    const store = await open('es_isolation', { maxConcurrentFlushes: 1, afterFlushXid: g.hook });
    const taken = ev();
    await store.append('taken', [taken], opts('any'));
    g.arm();
    const blocker = store.append('blocker', [ev()], opts('any'));
    await g.reached;

    const okA = ev();
    const okC = ev();
    const chained = [ev(), ev()];
    const results = Promise.allSettled([
      store.append('ok-a', [okA], opts('no-stream')),
      store.append('conflicting', [ev()], opts(5)),
      store.append('ok-c', [okC], opts('no-stream')),
      store.append('elsewhere', [taken], opts('any')),
      store.append('chained', [chained[0]], opts(0)),
      store.append('chained', [chained[1]], opts(1)),
    ]);
    g.release();
    await blocker;
    const [a, conflict, c, duplicate, first, second] = await results;

    expect(a).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 1 } });
    expect(c).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 1 } });
    expect(first).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 1 } });
    expect(second).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 2 } });
    expect((conflict as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflict);
    expect((duplicate as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventId);
    expect(await txOf(store, [okA.eventId, okC.eventId, ...chained.map((e) => e.eventId)])).toHaveLength(1);
    expect(await store.streamVersion('conflicting')).toBe(0);
  });

  it('retries a failed flush append by append so that a malformed one fails alone', async () => {
    const g = gate();
    const store = await open('es_fallback', { maxConcurrentFlushes: 1, afterFlushXid: g.hook });
    g.arm();
    const blocker = store.append('blocker', [ev()], opts('any'));
    await g.reached;
    // PostgreSQL text cannot hold NUL: this append breaks the whole flush transaction.
    const results = Promise.allSettled([
      store.append('good-1', [ev()], opts('no-stream')),
      store.append('bad', [ev('Bad\u0000Type')], opts('no-stream')),
      store.append('good-2', [ev()], opts('no-stream')),
    ]);
    g.release();
    await blocker;
    expect((await results).map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(store.stats().fallbacks).toBe(1);
    expect(await store.streamVersion('good-2')).toBe(1);
  });

  it('defers an append whose stream a later transaction wrote, so log order follows stream versions', async () => {
    const g = gate();
    const slow = await open('es_defer', { afterFlushXid: g.hook });
    const fast = await open('es_defer');
    const late = ev('Late');
    g.arm();
    const slowAppend = slow.append('contested', [late], opts('any'));
    await g.reached; // the slow flush now holds an older transaction id

    const early = ev('Early');
    await fast.append('contested', [early], opts('any'));
    g.release();
    await expect(slowAppend).resolves.toMatchObject({ nextExpectedVersion: 2 });

    expect(slow.stats().deferrals).toBe(1);
    const [earlyTx] = await txOf(slow, [early.eventId]);
    const [lateTx] = await txOf(slow, [late.eventId]);
    expect(BigInt(lateTx)).toBeGreaterThan(BigInt(earlyTx));
    await eventually(async () => {
      const { events } = await slow.readAll({ limit: 10 });
      expect(events.map((e) => [e.type, e.streamVersion])).toEqual([
        ['Early', 1],
        ['Late', 2],
      ]);
    });
    expect((await slow.verify()).ok).toBe(true);
  });

  it('retries an append whose cached stream head another instance moved, and the chain verifies (HMAC, key ids)', async () => {
    const keys = { hmacKeys: [{ id: 'k2', secret: 'second-key-kept-outside-the-database-002' }] };
    const a = await open('es_stale', keys);
    const b = await open('es_stale', keys);
    await a.append('shared', [ev('One')], opts('no-stream'));
    await b.append('shared', [ev('Two')], opts('any')); // b had no head cached: chained on genesis, stale once
    expect(b.stats().staleHeads).toBe(1);
    // a's cached head is now behind: its next append is retried once, then lands at version 3.
    await expect(a.append('shared', [ev('Three'), ev('Four')], opts(2))).resolves.toMatchObject({ nextExpectedVersion: 4, duplicate: false });
    expect(a.stats().staleHeads).toBe(1);
    // A read to the end refreshes the cache: no stale retry after it.
    await b.readStream('shared');
    await b.append('shared', [ev('Five')], opts(4));
    expect(b.stats().staleHeads).toBe(1);
    expect((await a.readStream('shared')).map((e) => [e.type, e.streamVersion])).toEqual([
      ['One', 1], ['Two', 2], ['Three', 3], ['Four', 4], ['Five', 5],
    ]);
    const keyIds = await a.withClient(async (c) => (await c.query(`SELECT DISTINCT key_id FROM es_stale.events`)).rows.map((r) => r.key_id));
    expect(keyIds).toEqual(['k2']);
    expect(await a.verify()).toMatchObject({ ok: true, eventsChecked: 5, problems: [] });
  });

  it('answers a retried append with duplicate, and its ids reused elsewhere with DuplicateEventId, in one flush with others', async () => {
    const g = gate();
    const store = await open('es_retry', { maxConcurrentFlushes: 1, afterFlushXid: g.hook });
    const original = [ev(), ev()];
    const first = await store.append('retried', original, opts(0));
    g.arm();
    const blocker = store.append('blocker', [ev()], opts('any'));
    await g.reached;
    const results = Promise.allSettled([
      store.append('retried', original, opts(0)), // fails its version check, yet is a duplicate
      store.append('retried', original, opts('any')), // same ids twice in one flush: deferred, then duplicate
      store.append('other', [original[0]], opts('any')),
      store.append('fresh', [ev()], opts('no-stream')),
    ]);
    g.release();
    await blocker;
    const [again, againAny, elsewhere, fresh] = await results;
    expect(again).toMatchObject({ status: 'fulfilled', value: { duplicate: true, nextExpectedVersion: 2, positions: first.positions } });
    expect(againAny).toMatchObject({ status: 'fulfilled', value: { duplicate: true, nextExpectedVersion: 2, positions: first.positions } });
    expect((elsewhere as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventId);
    expect(fresh).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 1 } });
    expect(await store.streamVersion('retried')).toBe(2);
    expect(await store.streamVersion('other')).toBe(0);
    expect((await store.verify()).ok).toBe(true);
  });

  it('writes a flush in one round trip: one statement, no explicit transaction', async () => {
    const pool = new Pool({ connectionString: db.url, max: 4 });
    try {
      const store = new PostgresEventStore({ pool, schema: 'es_one_trip' });
      await store.ensureSchema();
      // Every statement any client sends, BEGIN and COMMIT included.
      const sent = jest.spyOn(Client.prototype, 'query');
      let version = 0;
      for (let i = 0; i < 5; i++) version = (await store.append('lone', [ev()], opts(version))).nextExpectedVersion;
      expect(version).toBe(5);
      expect(sent).toHaveBeenCalledTimes(5);
      sent.mockRestore();
      await store.close();
    } finally {
      await pool.end();
    }
  });

  it('drains queued appends before close resolves', async () => {
    const store = new PostgresEventStore({ connectionString: db.url, schema: 'es_close' });
    await store.ensureSchema();
    const pending = Array.from({ length: 50 }, (_, i) => store.append(`closing-${i}`, [ev()], opts('no-stream')));
    await store.close();
    expect((await Promise.allSettled(pending)).every((r) => r.status === 'fulfilled')).toBe(true);
  });
});

describe('an append on a head this process knows (one plain statement, ADR 0029)', () => {
  const textsOf = (spy: jest.SpyInstance) => spy.mock.calls.map(([q]) => (typeof q === 'string' ? q : (q as { text: string }).text));

  it('writes each append after the first as one keyed statement, without the flush function, and the chain verifies', async () => {
    const store = await open('es_on_head', { hmacKeys: [{ id: 'k1', secret: 'first-key-kept-outside-the-database-0001' }] });
    await store.append('solo', [ev('One')], opts('no-stream'));
    const sent = jest.spyOn(Client.prototype, 'query');
    try {
      await store.append('solo', [ev('Two')], opts('any'));
      await store.append('solo', [ev('Three'), ev('Four')], opts(2));
      await store.append('solo', [ev('Five')], opts('stream-exists'));
      const texts = textsOf(sent);
      expect(texts).toHaveLength(3);
      expect(texts.every((t) => t.includes('WITH head AS') && !t.includes('append_flush_v2'))).toBe(true);
    } finally {
      sent.mockRestore();
    }
    const events = await store.readStream('solo');
    expect(events.map((e) => [e.type, e.streamVersion])).toEqual([['One', 1], ['Two', 2], ['Three', 3], ['Four', 4], ['Five', 5]]);
    expect(events.map((e) => e.globalPosition)).toEqual([...events.map((e) => e.globalPosition)].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)));
    expect(await store.verify()).toMatchObject({ ok: true, eventsChecked: 5, problems: [] });
  });

  it('writes nothing on a head another instance moved, and the flush function then chains the append after it', async () => {
    const a = await open('es_on_head_moved');
    const b = await open('es_on_head_moved');
    await a.append('shared', [ev('One')], opts('no-stream'));
    await b.append('shared', [ev('Two')], opts('any')); // b chained on genesis: stale once, lands at 2
    const sent = jest.spyOn(Client.prototype, 'query');
    let result;
    try {
      result = await a.append('shared', [ev('Three')], opts('any'));
      const texts = textsOf(sent);
      // The statement on a's old head (version 1) wrote nothing; the function judged the append
      // stale and gave the stored head; the rerun's statement on that head wrote it.
      expect(texts.map((t) => (t.includes('append_flush_v2') ? 'function' : t.includes('WITH head AS') ? 'on-head' : t))).toEqual(['on-head', 'function', 'on-head']);
    } finally {
      sent.mockRestore();
    }
    expect(result).toMatchObject({ nextExpectedVersion: 3, duplicate: false });
    expect(a.stats().staleHeads).toBe(1);
    expect((await a.readStream('shared')).map((e) => [e.type, e.streamVersion])).toEqual([['One', 1], ['Two', 2], ['Three', 3]]);
    expect((await a.verify()).ok).toBe(true);
  });

  it('refuses with ConcurrencyConflict an expected version that held on the known head but not on the stored one', async () => {
    const a = await open('es_on_head_conflict');
    const b = await open('es_on_head_conflict');
    await a.append('contested', [ev('One')], opts('no-stream'));
    await b.append('contested', [ev('Two')], opts('any'));
    await expect(a.append('contested', [ev('Lost')], opts(1))).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect((await a.readStream('contested')).map((e) => e.type)).toEqual(['One', 'Two']);
  });

  it('answers a retried append on the known head with duplicate and the stored positions, writing nothing', async () => {
    const store = await open('es_on_head_retry');
    const original = [ev('Once'), ev('Twice')];
    const first = await store.append('retried', original, opts('any'));
    await expect(store.append('retried', original, opts('any'))).resolves.toEqual({ ...first, duplicate: true });
    await expect(store.append('elsewhere', [ev('Mine')], opts('any'))).resolves.toMatchObject({ nextExpectedVersion: 1 });
    await expect(store.append('elsewhere', [original[0]], opts('any'))).rejects.toBeInstanceOf(DuplicateEventId);
    expect(await store.streamVersion('retried')).toBe(2);
    expect(await store.streamVersion('elsewhere')).toBe(1);
    await expect(store.append('retried', [ev('Third')], opts(2))).resolves.toMatchObject({ nextExpectedVersion: 3, duplicate: false });
    expect((await store.verify()).ok).toBe(true);
  });
});
