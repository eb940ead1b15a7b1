import { randomUUID } from 'node:crypto';
import { createTestDatabase, eventually, type TestDatabase } from '@tpm/testing';
import { canonicalJson } from '../canonical-json';
import { EventHasher } from '../event-hash';
import type { AppendOptions, ExpectedVersion, IntegrityProblem } from '../event-store';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';

const opts = (expectedVersion: ExpectedVersion): AppendOptions => ({
  expectedVersion,
  metadata: { actor: { subject: 'hr-1', roles: ['hr'] }, correlationId: 'c' },
});
const ev = (type: string, data: unknown = {}) => ({ eventId: randomUUID(), type, data });

// The integration project's testTimeout is not applied per project: set it here.
jest.setTimeout(60_000);

let db: TestDatabase;
let n = 0;
const stores: PostgresEventStore[] = [];
/** Each test tampers with its own schema. */
const open = async (extra: Partial<PostgresEventStoreOptions> = {}) => {
  const store = new PostgresEventStore({ connectionString: db.url, schema: `tamper_${++n}`, ...extra });
  await store.ensureSchema();
  stores.push(store);
  return store;
};
/** Three streams written in separate transactions, then sealed. */
const history = async (extra: Partial<PostgresEventStoreOptions> = {}) => {
  const store = await open(extra);
  await store.append('employee-a', [ev('Hired', { salary: 100 }), ev('Promoted', { salary: 120 }), ev('Rated', { score: 4 })], opts('no-stream'));
  await store.append('employee-b', [ev('Hired', { salary: 90 }), ev('Rated', { score: 3 })], opts('no-stream'));
  await store.append('employee-c', [ev('Hired', { salary: 80 })], opts('no-stream'));
  await store.append('employee-a', [ev('Left')], opts(3));
  await sealEverything(store);
  return store;
};
/**
 * Seals until every event is covered. A seal stops at the safe horizon, which any transaction
 * still open on the server (other test files included) holds back for a moment.
 */
const sealEverything = (store: PostgresEventStore) =>
  eventually(async () => {
    await store.seal();
    expect((await store.verify()).unsealedEvents).toBe(0);
  });
const sql = (store: PostgresEventStore, text: string) => store.withClient((c) => c.query(text.replaceAll('es.', `${store.schema}.`)));
const kinds = (problems: IntegrityProblem[]) => [...new Set(problems.map((p) => p.kind))].sort();

const K1 = { id: 'k1', secret: 'first-key-kept-outside-the-database-0001' };
const K2 = { id: 'k2', secret: 'second-key-kept-outside-the-database-002' };

/** After events were deleted, the streams table is rewound to what is left: the store looks consistent. */
const rewindHeads = async (store: PostgresEventStore) => {
  await sql(store, `DELETE FROM es.streams s WHERE NOT EXISTS (SELECT 1 FROM es.events e WHERE e.stream_id = s.stream_id)`);
  await sql(
    store,
    `UPDATE es.streams s SET version = e.stream_version, last_hash = e.hash
       FROM (SELECT DISTINCT ON (stream_id) stream_id, stream_version, hash FROM es.events ORDER BY stream_id, stream_version DESC) e
      WHERE e.stream_id = s.stream_id`,
  );
};

/** history(), then a second seal over three more events (employee-c v2, employee-d v1..v2). */
const twoSeals = async (extra: Partial<PostgresEventStoreOptions> = {}) => {
  const store = await history(extra);
  await store.append('employee-c', [ev('Rated', { score: 5 })], opts(1));
  await store.append('employee-d', [ev('Hired', { salary: 70 }), ev('Rated', { score: 2 })], opts('no-stream'));
  // The cases below need one seal over the three new events. A seal stops below the oldest
  // transaction still running anywhere on the server (another test's, under parallel Jest), so it
  // could split them: wait until the log reads to its end first.
  const { rows } = await sql(store, `SELECT count(*)::int AS n FROM es.events`);
  await eventually(async () => expect((await store.readAll({ limit: 1000 })).events).toHaveLength(rows[0].n));
  await sealEverything(store);
  const anchors = await store.listSeals();
  expect(anchors.length).toBeGreaterThanOrEqual(2);
  return { store, anchors };
};

/**
 * A forger rewrites history the way a database administrator could: edits a payload, recomputes
 * every chain and head with `forger`, labels each event with `label` (the key id it claims), then
 * deletes the seals and reseals everything with the same means.
 */
const forgeEverything = async (store: PostgresEventStore, forger: { keys?: { id: string; secret: string }[]; label?: string }) => {
  const hasher = new EventHasher(forger.keys);
  const label = forger.label ?? hasher.keyId;
  await sql(store, `UPDATE es.events SET data = '{"salary":999}' WHERE stream_id = 'employee-a' AND stream_version = 2`);
  const rows = (await sql(store, `SELECT * FROM es.events ORDER BY stream_id, stream_version`)).rows;
  let stream = '';
  let prev = '';
  for (const r of rows) {
    if (r.stream_id !== stream) [stream, prev] = [r.stream_id, ''];
    const hash = hasher.event(prev, {
      eventId: r.event_id, streamId: r.stream_id, streamVersion: r.stream_version, type: r.type, schemaVersion: r.schema_version,
      dataText: r.data, metadataText: r.metadata, occurredAt: r.occurred_at.toISOString(),
    });
    await sql(store, `UPDATE es.events SET prev_hash = '${prev}', hash = '${hash}', key_id = '${label}' WHERE event_id = '${r.event_id}'`);
    prev = hash;
  }
  await rewindHeads(store);
  await sql(store, `DELETE FROM es.seals`);
  const sealer = new PostgresEventStore({ connectionString: db.url, schema: store.schema, hmacKeys: forger.keys });
  stores.push(sealer);
  await eventually(async () => {
    await sealer.seal();
    expect((await sql(store, `SELECT count(*)::int AS n FROM es.events e, es.seals s WHERE s.seal_no = (SELECT max(seal_no) FROM es.seals) AND (e.tx_id, e.global_position) > (s.upto_tx, s.upto_position)`)).rows[0].n).toBe(0);
  });
  await sql(store, `UPDATE es.seals SET key_id = '${label}'`);
};

beforeAll(async () => {
  db = await createTestDatabase('es_integrity');
});
afterAll(async () => {
  for (const s of stores) await s.close();
  await db?.drop();
});

describe('verify on untouched history', () => {
  it('passes, counting sealed and unsealed events', async () => {
    const store = await history();
    await store.append('employee-c', [ev('Rated', { score: 5 })], opts(1));
    const progress: [number, number][] = [];
    const report = await store.verify({ onProgress: (done, total) => progress.push([done, total]) });
    expect(report).toMatchObject({ ok: true, streamsChecked: 3, eventsChecked: 8, unsealedEvents: 1, problems: [] });
    expect(report.sealsChecked).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
  });

  it('chains seals and returns null when nothing new is sealed', async () => {
    const store = await history();
    expect(await store.seal()).toBeNull();
    await store.append('employee-b', [ev('Rated', { score: 4 })], opts(2));
    await sealEverything(store);
    const report = await store.verify();
    expect(report).toMatchObject({ ok: true, unsealedEvents: 0, eventsChecked: 8 });
    expect(report.sealsChecked).toBeGreaterThanOrEqual(2);
  });

  it('walks logs larger than one batch', async () => {
    const store = await open();
    await Promise.all(
      Array.from({ length: 24 }, (_, s) => store.append(`bulk-${s}`, Array.from({ length: 500 }, (_, i) => ev('Bulk', { i })), opts('no-stream'))),
    );
    await sealEverything(store);
    expect(await store.verify()).toMatchObject({ ok: true, eventsChecked: 12_000, streamsChecked: 24 });
  });
});

describe('verify detects tampering', () => {
  it('an edited payload', async () => {
    const store = await history();
    await sql(store, `UPDATE es.events SET data = '{"salary":999}' WHERE stream_id = 'employee-a' AND stream_version = 2`);
    const report = await store.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'event-hash-mismatch', streamId: 'employee-a', streamVersion: 2 })]);
  });

  it('an edited payload whose stream chain and head were recomputed (plain sha-256)', async () => {
    const store = await history();
    await sql(store, `UPDATE es.events SET data = '{"salary":999}' WHERE stream_id = 'employee-a' AND stream_version = 2`);
    // The forger re-derives the rest of the chain, as anyone with table access can without HMAC.
    const rows = (await sql(store, `SELECT * FROM es.events WHERE stream_id = 'employee-a' ORDER BY stream_version`)).rows;
    let prev = '';
    for (const r of rows) {
      const hash = new EventHasher().event(prev, {
        eventId: r.event_id, streamId: r.stream_id, streamVersion: r.stream_version, type: r.type, schemaVersion: r.schema_version,
        dataText: r.data, metadataText: r.metadata, occurredAt: r.occurred_at.toISOString(),
      });
      await sql(store, `UPDATE es.events SET prev_hash = '${prev}', hash = '${hash}' WHERE event_id = '${r.event_id}'`);
      prev = hash;
    }
    await sql(store, `UPDATE es.streams SET last_hash = '${prev}' WHERE stream_id = 'employee-a'`);
    expect(kinds((await store.verify()).problems)).toEqual(['seal-hash-mismatch']);
  });

  it('an edited payload whose hash was recomputed without the HMAC key', async () => {
    const store = await history({ hmacKey: 'kept-outside-the-database' });
    const row = (await sql(store, `SELECT * FROM es.events WHERE stream_id = 'employee-c'`)).rows[0];
    const forged = new EventHasher().event(row.prev_hash, {
      eventId: row.event_id, streamId: row.stream_id, streamVersion: row.stream_version, type: row.type, schemaVersion: row.schema_version,
      dataText: canonicalJson({ salary: 999 }), metadataText: row.metadata, occurredAt: row.occurred_at.toISOString(),
    });
    await sql(store, `UPDATE es.events SET data = '{"salary":999}', hash = '${forged}' WHERE stream_id = 'employee-c'`);
    await sql(store, `UPDATE es.streams SET last_hash = '${forged}' WHERE stream_id = 'employee-c'`);
    const report = await store.verify();
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'event-hash-mismatch', streamId: 'employee-c' }));
  });

  it('two events of a stream swapped', async () => {
    const store = await history();
    await sql(store, `ALTER TABLE es.events DROP CONSTRAINT events_stream_version_check`);
    await sql(store, `UPDATE es.events SET stream_version = -stream_version WHERE stream_id = 'employee-b'`);
    await sql(store, `UPDATE es.events SET stream_version = CASE stream_version WHEN -1 THEN 2 ELSE 1 END WHERE stream_id = 'employee-b'`);
    const report = await store.verify();
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'event-hash-mismatch', streamId: 'employee-b' }));
  });

  it('events moved in the global order', async () => {
    const store = await history();
    // Swap the transactions of two streams' events: every chain stays intact, only the seal sees it.
    await sql(
      store,
      `WITH a AS (SELECT tx_id FROM es.events WHERE stream_id = 'employee-b' LIMIT 1),
            c AS (SELECT tx_id FROM es.events WHERE stream_id = 'employee-c' LIMIT 1)
       UPDATE es.events SET tx_id = CASE WHEN stream_id = 'employee-b' THEN (SELECT tx_id FROM c) ELSE (SELECT tx_id FROM a) END
        WHERE stream_id IN ('employee-b', 'employee-c')`,
    );
    const report = await store.verify();
    expect(kinds(report.problems)).toEqual(['seal-hash-mismatch']);
  });

  it('an event deleted from the middle of a stream', async () => {
    const store = await history();
    await sql(store, `DELETE FROM es.events WHERE stream_id = 'employee-a' AND stream_version = 2`);
    const report = await store.verify();
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'stream-version-gap', streamId: 'employee-a', streamVersion: 3 }));
    expect(kinds(report.problems)).toEqual(expect.arrayContaining(['seal-count-mismatch', 'seal-hash-mismatch']));
  });

  it('the last event of a stream deleted and its head rewound to match', async () => {
    const store = await history();
    const prev = (await sql(store, `SELECT prev_hash FROM es.events WHERE stream_id = 'employee-a' AND stream_version = 4`)).rows[0].prev_hash;
    await sql(store, `DELETE FROM es.events WHERE stream_id = 'employee-a' AND stream_version = 4`);
    await sql(store, `UPDATE es.streams SET version = 3, last_hash = '${prev}' WHERE stream_id = 'employee-a'`);
    const report = await store.verify();
    expect(kinds(report.problems)).toEqual(['seal-count-mismatch', 'seal-hash-mismatch']);
  });

  it('a whole stream deleted after the seal', async () => {
    const store = await history();
    await sql(store, `DELETE FROM es.events WHERE stream_id = 'employee-b'`);
    await sql(store, `DELETE FROM es.streams WHERE stream_id = 'employee-b'`);
    const report = await store.verify();
    expect(report.ok).toBe(false);
    expect(kinds(report.problems)).toEqual(['seal-count-mismatch', 'seal-hash-mismatch']);
  });

  it('a streams-table head edited', async () => {
    const store = await history();
    await sql(store, `UPDATE es.streams SET version = 2 WHERE stream_id = 'employee-a'`);
    const report = await store.verify();
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'stream-head-mismatch', streamId: 'employee-a' })]);
  });

  it('a seal removed from the chain', async () => {
    const store = await history();
    await store.append('employee-c', [ev('Rated', { score: 5 })], opts(1));
    await sealEverything(store);
    await sql(store, `DELETE FROM es.seals WHERE seal_no = 1`);
    const report = await store.verify();
    expect(kinds(report.problems)).toContain('seal-chain-broken');
  });
});

describe('anchored seals: what the database alone cannot show', () => {
  it('(a) the newest seal deleted together with the events after the previous seal', async () => {
    const { store, anchors } = await twoSeals();
    const previous = anchors.at(-2)!;
    const newest = anchors.at(-1)!;
    const [tx, position] = previous.upto.split(':');
    await sql(store, `DELETE FROM es.events WHERE (tx_id, global_position) > ('${tx}'::xid8, ${position})`);
    await sql(store, `DELETE FROM es.seals WHERE seal_no = ${newest.sealNo}`);
    await rewindHeads(store);
    // From inside, the history is consistent: it merely looks shorter.
    expect(await store.verify()).toMatchObject({ ok: true, problems: [] });

    const report = await store.verify({ anchors });
    expect(report.ok).toBe(false);
    expect(report.anchorsChecked).toBe(anchors.length);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'anchor-seal-missing', seal: newest.sealNo, globalPosition: newest.uptoPosition }),
      expect.objectContaining({ kind: 'anchor-events-missing', seal: newest.sealNo, detail: expect.stringContaining(`${newest.eventCount} removed`) }),
    ]);
  });

  it('(b) the tail cut and the log resealed: the anchor count and position say more existed', async () => {
    const { store, anchors } = await twoSeals();
    const newest = anchors.at(-1)!;
    // The two newest events go, with the seal that covered them; the sealer (the relay, every few
    // seconds) then seals what is left of that range under the same seal number.
    await sql(store, `DELETE FROM es.events WHERE stream_id = 'employee-d' AND stream_version = 2`);
    await sql(store, `DELETE FROM es.events WHERE stream_id = 'employee-c' AND stream_version = 2`);
    await sql(store, `DELETE FROM es.seals WHERE seal_no = ${newest.sealNo}`);
    await rewindHeads(store);
    await sealEverything(store);
    const resealed = (await store.listSeals()).at(-1)!;
    expect(resealed.sealNo).toBe(newest.sealNo);
    expect(await store.verify()).toMatchObject({ ok: true, problems: [] });

    const report = await store.verify({ anchors });
    expect(kinds(report.problems)).toEqual(['anchor-events-missing', 'anchor-seal-mismatch']);
    const mismatch = report.problems.find((p) => p.kind === 'anchor-seal-mismatch')!;
    expect(mismatch).toMatchObject({ seal: newest.sealNo, globalPosition: newest.uptoPosition });
    expect(mismatch.detail).toContain(`anchored ${newest.eventCount} events up to ${newest.upto}`);
    expect(mismatch.detail).toContain(`stored ${resealed.eventCount} events up to ${resealed.upto}`);
    expect(report.problems.find((p) => p.kind === 'anchor-events-missing')!.detail).toContain(`says ${newest.totalEvents} events existed`);
  });

  it('(c) every chain and seal recomputed without the key: the HMACs do not match', async () => {
    const { store } = await twoSeals({ hmacKeys: [K1] });
    // The forger has no key: he writes sha-256 hashes and keeps the key id the rows had.
    await forgeEverything(store, { label: 'k1' });
    const report = await store.verify();
    expect(report.ok).toBe(false);
    expect(kinds(report.problems)).toEqual(['event-hash-mismatch', 'seal-hash-mismatch']);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'event-hash-mismatch', streamId: 'employee-a', streamVersion: 1 }));
  });

  it('(c) every chain and seal recomputed without the key and relabelled as unkeyed: reported as a downgrade', async () => {
    const { store } = await twoSeals({ hmacKeys: [K1] });
    await forgeEverything(store, { label: '' });
    const report = await store.verify();
    expect(kinds(report.problems)).toEqual(['unkeyed-hash']);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'unkeyed-hash', streamId: 'employee-a', streamVersion: 2 }));
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'unkeyed-hash', seal: 1 }));
  });

  it('(c) every chain and seal recomputed with the stolen key: only the anchors tell', async () => {
    const { store, anchors } = await twoSeals({ hmacKeys: [K1] });
    await forgeEverything(store, { keys: [K1] });
    expect(await store.verify()).toMatchObject({ ok: true, problems: [] });
    const report = await store.verify({ anchors });
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'anchor-seal-mismatch', seal: 1 }));
  });

  it('(d) an edited event is still found when verifying against anchors', async () => {
    const { store, anchors } = await twoSeals();
    await sql(store, `UPDATE es.events SET data = '{"salary":999}' WHERE stream_id = 'employee-b' AND stream_version = 1`);
    const report = await store.verify({ anchors });
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'event-hash-mismatch', streamId: 'employee-b', streamVersion: 1 })]);
  });

  it('passes an untouched store against its anchors, including seals made after the export', async () => {
    const { store, anchors } = await twoSeals();
    await store.append('employee-e', [ev('Hired')], opts('no-stream'));
    await sealEverything(store);
    expect(await store.verify({ anchors })).toMatchObject({ ok: true, anchorsChecked: anchors.length, problems: [] });
  });
});

describe('key rotation', () => {
  it('verifies old events with the old key and new ones with the new key', async () => {
    const before = await history({ hmacKeys: [K1] });
    const after = new PostgresEventStore({ connectionString: db.url, schema: before.schema, hmacKeys: [K2, K1] });
    stores.push(after);
    await after.append('employee-c', [ev('Rated', { score: 5 })], opts(1));
    await after.append('employee-z', [ev('Hired')], opts('no-stream'));
    await sealEverything(after);
    const keyIds = (await sql(after, `SELECT key_id, count(*)::int AS n FROM es.events GROUP BY key_id ORDER BY key_id`)).rows;
    expect(keyIds).toEqual([{ key_id: 'k1', n: 7 }, { key_id: 'k2', n: 2 }]);
    expect((await after.listSeals()).map((s) => s.keyId)).toEqual(expect.arrayContaining(['k1', 'k2']));
    expect(await after.verify()).toMatchObject({ ok: true, eventsChecked: 9, problems: [] });
  });

  it('names the events and seals a removed key can no longer check', async () => {
    const before = await history({ hmacKeys: [K1] });
    const rotated = new PostgresEventStore({ connectionString: db.url, schema: before.schema, hmacKeys: [K2, K1] });
    stores.push(rotated);
    await rotated.append('employee-z', [ev('Hired')], opts('no-stream'));
    await sealEverything(rotated);
    const withoutOld = new PostgresEventStore({ connectionString: db.url, schema: before.schema, hmacKeys: [K2] });
    stores.push(withoutOld);
    const report = await withoutOld.verify();
    expect(report.ok).toBe(false);
    expect(report.uncheckable).toEqual({ k1: 7 + (await before.listSeals()).filter((s) => s.keyId === 'k1').length });
    expect(kinds(report.problems)).toEqual(['key-unavailable']);
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'key-unavailable', keyId: 'k1', streamId: 'employee-a', streamVersion: 4, globalPosition: expect.any(Number) }));
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'key-unavailable', keyId: 'k1', seal: 1 }));
    // The new key's events still verify: none of them is reported.
    expect(report.problems.filter((p) => p.streamId === 'employee-z')).toEqual([]);
  });
});
