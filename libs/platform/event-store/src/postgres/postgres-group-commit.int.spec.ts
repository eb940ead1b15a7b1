import { randomUUID } from 'node:crypto';
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

  it('drains queued appends before close resolves', async () => {
    const store = new PostgresEventStore({ connectionString: db.url, schema: 'es_close' });
    await store.ensureSchema();
    const pending = Array.from({ length: 50 }, (_, i) => store.append(`closing-${i}`, [ev()], opts('no-stream')));
    await store.close();
    expect((await Promise.allSettled(pending)).every((r) => r.status === 'fulfilled')).toBe(true);
  });
});
