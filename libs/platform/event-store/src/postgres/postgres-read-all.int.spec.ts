import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, eventually, type TestDatabase } from '@tpm/testing';
import { ConcurrencyConflict } from '../errors';
import { START, type AppendOptions, type ExpectedVersion, type LogPosition, type RecordedEvent } from '../event-store';
import { PostgresEventStore } from './postgres-event-store';

const opts = (expectedVersion: ExpectedVersion): AppendOptions => ({
  expectedVersion,
  metadata: { actor: { subject: 'writer', roles: ['system'] }, correlationId: 'c' },
});
const ev = (type: string, data: unknown = {}) => ({ eventId: randomUUID(), type, data });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The integration project's testTimeout is not applied per project: set it here.
jest.setTimeout(60_000);

let db: TestDatabase;
const stores: PostgresEventStore[] = [];
const open = async (schema: string, extra: Partial<ConstructorParameters<typeof PostgresEventStore>[0]> = {}) => {
  const store = new PostgresEventStore({ connectionString: db.url, schema, ...extra });
  await store.ensureSchema();
  stores.push(store);
  return store;
};
beforeAll(async () => {
  db = await createTestDatabase('es_readall');
});
afterAll(async () => {
  for (const s of stores) await s.close();
  await db?.drop();
});

/** A reader following the log the way the relay does: from a checkpoint, page after page. */
const follow = (store: PostgresEventStore) => {
  const seen: RecordedEvent[] = [];
  let next: LogPosition = START;
  return {
    seen,
    async poll(limit = 50) {
      for (;;) {
        const page = await store.readAll({ after: next, limit });
        seen.push(...page.events);
        if (page.next === next || !page.events.length) return page.events.length;
        next = page.next;
      }
    },
  };
};

describe('readAll never skips an event that commits late', () => {
  it('holds back later commits until an older open transaction finishes, then delivers all in order', async () => {
    const store = await open('es_held');
    const held = new Client({ connectionString: db.url });
    await held.connect();
    try {
      // A slow writer: takes its transaction id and global position first, commits last.
      await held.query('BEGIN');
      const heldRow = (
        await held.query(
          `INSERT INTO es_held.events (event_id, stream_id, stream_version, type, data, metadata, occurred_at, prev_hash, hash)
           VALUES ($1, 'held-stream', 1, 'Held', '{}', '{}', now(), '', '') RETURNING global_position::int AS position`,
          [randomUUID()],
        )
      ).rows[0];
      const later = await Promise.all(['x', 'y', 'z'].map((s) => store.append(`fast-${s}`, [ev('Fast'), ev('Fast')], opts('no-stream'))));
      const laterPositions = later.flatMap((r) => r.positions);
      // A reader trusting positions alone would now read past the held event and never come back.
      expect(Math.min(...laterPositions)).toBeGreaterThan(heldRow.position);

      const reader = follow(store);
      await reader.poll();
      expect(reader.seen).toEqual([]);

      await held.query('COMMIT');
      await eventually(async () => {
        await reader.poll();
        const [first, ...rest] = reader.seen.map((e) => e.globalPosition);
        expect(first).toBe(heldRow.position);
        // The fast appends ran in concurrent flushes: log order is commit-safe order, not position order.
        expect(rest.sort((a, b) => a - b)).toEqual(laterPositions.sort((a, b) => a - b));
      });
    } finally {
      await held.end();
    }
  });

  it('delivers every event exactly once and in stream order under many racing writers on two store instances', async () => {
    // Two instances stand for two replicas; random pauses inside flush transactions make commits
    // land out of order, which is the case a position-only reader gets wrong.
    const jitter = async () => {
      if (Math.random() < 0.5) await sleep(Math.random() * 6);
    };
    const a = await open('es_race', { afterFlushXid: jitter });
    const b = await open('es_race', { afterFlushXid: jitter, maxConcurrentFlushes: 2 });
    const streams = Array.from({ length: 12 }, (_, i) => `race-${i}`);
    const written = new Set<string>();
    let writing = true;

    const reader = follow(a);
    const reading = (async () => {
      while (writing) {
        await reader.poll(37);
        await sleep(3);
      }
    })();

    const writer = async (w: number) => {
      const store = w % 2 ? a : b;
      for (let i = 0; i < 30; i++) {
        const stream = streams[Math.floor(Math.random() * streams.length)];
        const events = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => ev('Raced', { w, i }));
        // Half the writers use optimistic concurrency and retry on conflict, as command handlers do.
        for (;;) {
          const expected: ExpectedVersion = w % 4 < 2 ? await store.streamVersion(stream) : 'any';
          try {
            await store.append(stream, events, opts(expected));
            events.forEach((e) => written.add(e.eventId));
            break;
          } catch (e) {
            if (!(e instanceof ConcurrencyConflict)) throw e;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, w) => writer(w)));
    writing = false;
    await reading;
    await eventually(async () => {
      await reader.poll();
      expect(reader.seen.length).toBeGreaterThanOrEqual(written.size);
    });

    const ids = reader.seen.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(written);
    const versions = new Map<string, number>();
    for (const e of reader.seen) {
      expect(e.streamVersion).toBe((versions.get(e.streamId) ?? 0) + 1);
      versions.set(e.streamId, e.streamVersion);
    }
    expect((await a.verify()).ok).toBe(true);
  });
});

describe("readAll with the 'committed' horizon (one-off scans)", () => {
  it('sees a write at once while an older transaction is still open, where the safe horizon waits', async () => {
    const store = await open('es_committed');
    const held = new Client({ connectionString: db.url });
    await held.connect();
    try {
      // Any open transaction with an id holds back the safe horizon of every reader.
      await held.query('BEGIN');
      await held.query('SELECT pg_current_xact_id()');
      await store.append('s-1', [ev('Written', { n: 1 })], opts('no-stream'));

      const safe = await store.readAll({ types: ['Written'] });
      expect(safe.events).toHaveLength(0);
      const committed = await store.readAll({ types: ['Written'], horizon: 'committed' });
      expect(committed.events.map((e) => e.data)).toEqual([{ n: 1 }]);
      const untyped = await store.readAll({ horizon: 'committed' });
      expect(untyped.events.map((e) => e.type)).toEqual(['Written']);
    } finally {
      await held.query('ROLLBACK');
      await held.end();
    }
    await eventually(async () => expect((await store.readAll({ types: ['Written'] })).events).toHaveLength(1));
  });
});
