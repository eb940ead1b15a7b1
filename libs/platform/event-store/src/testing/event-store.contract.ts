import { randomUUID } from 'node:crypto';
import type { Actor } from '@tpm/kernel';
import { ConcurrencyConflict, DuplicateEventId } from '../errors';
import type { HmacKey } from '../event-hash';
import { START, type AppendOptions, type EventStore, type ExpectedVersion, type IntegrityProblem, type NewEvent, type RecordedEvent, type SealRecord, type Upcaster } from '../event-store';

/**
 * The behaviour every EventStore implementation owes its callers, as one Jest suite. Each
 * implementation's integration spec calls it with a factory for a store on a real server.
 * The store may hold other data: every test works on its own streams and event types.
 */
export interface ContractStoreOptions {
  upcasters: Upcaster[];
  /** HMAC keys, current first. Every store of one run is keyed with the contract's keys, so each can check what the others wrote. */
  hmacKeys: HmacKey[];
  /**
   * A set of seals of its own, apart from the suite's store (PostgreSQL: a new schema; EventStoreDB:
   * a new seal stream over the same $all). Absent: the suite's one store.
   */
  sealScope?: string;
}

/** The contract's keys: k1 the older, k2 the current (a rotation). */
const K1: HmacKey = { id: 'contract-k1', secret: 'contract-key-one-'.padEnd(32, '1') };
const K2: HmacKey = { id: 'contract-k2', secret: 'contract-key-two-'.padEnd(32, '2') };

const actor: Actor = { subject: 'user-1', roles: ['hr'] };
const opts = (expectedVersion: ExpectedVersion, extra: Partial<AppendOptions['metadata']> = {}): AppendOptions => ({
  expectedVersion,
  metadata: { actor, correlationId: 'corr-1', ...extra },
});

/** What a store may legitimately lack; each gap is documented on the implementation. */
export interface ContractCapabilities {
  /** Refusing an event id already used on another stream needs a global id index. */
  crossStreamIdCheck?: boolean;
}

export function eventStoreContract(
  name: string,
  factory: (options: ContractStoreOptions) => Promise<EventStore>,
  capabilities: ContractCapabilities = {},
): void {
  describe(`${name} honours the event-store contract`, () => {
    const run = randomUUID().slice(0, 8);
    const T = (t: string) => `contract${run}.${t}`;
    const stream = (label = 's') => `contract-${label}-${randomUUID()}`;
    const ev = (type: string, data: unknown = {}, schemaVersion?: number): NewEvent => ({ eventId: randomUUID(), type: T(type), data, schemaVersion });
    // Renamed: v1 { name }, v2 { fullName }, v3 { fullName, preferred }.
    const upcasters: Upcaster[] = [
      { type: T('Renamed'), fromVersion: 1, toVersion: 2, upcast: (d) => ({ fullName: (d as { name: string }).name }) },
      { type: T('Renamed'), fromVersion: 2, toVersion: 3, upcast: (d) => ({ ...(d as object), preferred: null }) },
    ];
    let store: EventStore;
    const others: EventStore[] = [];
    /** A further store on the same server: its own seals if `sealScope` is given. */
    const another = async (hmacKeys: HmacKey[], sealScope?: string) => {
      const s = await factory({ upcasters, hmacKeys, sealScope });
      others.push(s);
      return s;
    };

    beforeAll(async () => {
      store = await factory({ upcasters, hmacKeys: [K2, K1] });
    });
    afterAll(async () => {
      for (const s of others) await s.close();
      await store?.close();
    });

    /**
     * Waits until `check` passes on what the global log shows. Visibility is eventual: any
     * transaction still open on the server (even in another database) holds readers back.
     */
    const eventually = async <R>(check: () => Promise<R>, timeoutMs = 20_000): Promise<R> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          return await check();
        } catch (e) {
          if (Date.now() > deadline) throw e;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };

    /** Follows the global log from `after` until nothing new shows up. */
    const readToEnd = async (after = START, types?: string[], limit = 100) => {
      const seen: RecordedEvent[] = [];
      let next = after;
      for (;;) {
        const page = await store.readAll({ after: next, limit, types });
        seen.push(...page.events);
        if (page.next === next) return { events: seen, next };
        next = page.next;
      }
    };

    describe('append and read', () => {
      it('reads back a stream in order with its data, metadata and 1-based versions', async () => {
        const id = stream();
        const events = [ev('Opened', { a: 1 }), ev('Changed', { b: { c: [1, 2] } })];
        const result = await store.append(id, events, opts('no-stream', { businessUnitId: 'bu-1', causationId: 'cause-1', traceparent: '00-abc-def-01' }));
        expect(result).toMatchObject({ streamId: id, nextExpectedVersion: 2, duplicate: false });
        expect(result.positions).toHaveLength(2);
        expect(result.positions[1]).toBeGreaterThan(result.positions[0]);

        const read = await store.readStream(id);
        expect(read.map((e) => [e.eventId, e.type, e.streamVersion, e.data])).toEqual([
          [events[0].eventId, T('Opened'), 1, { a: 1 }],
          [events[1].eventId, T('Changed'), 2, { b: { c: [1, 2] } }],
        ]);
        expect(read[0]).toMatchObject({
          streamId: id,
          schemaVersion: 1,
          globalPosition: result.positions[0],
          metadata: { actor, businessUnitId: 'bu-1', correlationId: 'corr-1', causationId: 'cause-1', traceparent: '00-abc-def-01' },
        });
        expect(read[0].hash).toMatch(/^[0-9a-f]{64}$/);
        expect(Number.isNaN(Date.parse(read[0].recordedAt))).toBe(false);
      });

      it('stores data with awkward text as given, and its hashes verify', async () => {
        // Quotes, backslashes, control characters, a line separator, an emoji, NUL and an accent,
        // in objects and arrays nested at several depths.
        const text = { q: 'say "hi" \\ back', nl: 'a\nb\t', ls: 'x\u2028y', emoji: '\u{1F389}', nul: 'x\u0000y', e: 'caf\u00e9' };
        const shapes: unknown[] = [text, { list: [1, 'two', { three: [text] }] }, { z: { y: { x: [] } }, a: {} }, { n: null, t: true, f: 1.5e-7 }];
        const id = stream('shapes');
        // The first append meets an unknown head, the later ones a head this store may know: both write paths.
        await store.append(id, shapes.slice(0, 2).map((d) => ev('Shaped', d)), opts('no-stream'));
        for (const d of shapes.slice(2)) await store.append(id, [ev('Shaped', d)], opts('any'));
        const read = await store.readStream(id);
        expect(read.map((e) => e.data)).toEqual(shapes);
        const report = await store.verify();
        expect(report.problems).toEqual([]);
      });

      it('stores the business time given as occurredAt and fills optional metadata with null', async () => {
        const id = stream();
        await store.append(id, [ev('Opened')], opts('any', { occurredAt: '2026-03-01T10:00:00.000Z' }));
        const [e] = await store.readStream(id);
        expect(e.occurredAt).toBe('2026-03-01T10:00:00.000Z');
        expect(e.metadata).toEqual({ actor, businessUnitId: null, correlationId: 'corr-1', causationId: null, traceparent: null });
      });

      it('reports version 0 and no events for a stream never written', async () => {
        const id = stream();
        expect(await store.streamVersion(id)).toBe(0);
        expect(await store.readStream(id)).toEqual([]);
      });

      it('reads a version range', async () => {
        const id = stream();
        await store.append(id, [ev('A'), ev('B'), ev('C'), ev('D')], opts('no-stream'));
        const read = await store.readStream(id, { fromVersion: 2, toVersion: 3 });
        expect(read.map((e) => e.streamVersion)).toEqual([2, 3]);
      });
    });

    describe('optimistic concurrency', () => {
      it('appends when the stream is at the expected numeric version', async () => {
        const id = stream();
        await store.append(id, [ev('A')], opts(0));
        await expect(store.append(id, [ev('B')], opts(1))).resolves.toMatchObject({ nextExpectedVersion: 2 });
      });

      it('refuses a stale numeric version with ConcurrencyConflict and writes nothing', async () => {
        const id = stream();
        await store.append(id, [ev('A'), ev('B')], opts('no-stream'));
        const error = await store.append(id, [ev('C')], opts(1)).catch((e) => e);
        expect(error).toBeInstanceOf(ConcurrencyConflict);
        expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: id, expected: 1, actual: 2 });
        expect(await store.streamVersion(id)).toBe(2);
      });

      it('treats expected version 0 and no-stream as "must not exist"', async () => {
        const id = stream();
        await store.append(id, [ev('A')], opts('no-stream'));
        await expect(store.append(id, [ev('B')], opts('no-stream'))).rejects.toBeInstanceOf(ConcurrencyConflict);
        await expect(store.append(id, [ev('B')], opts(0))).rejects.toBeInstanceOf(ConcurrencyConflict);
      });

      it('requires an existing stream for stream-exists', async () => {
        const id = stream();
        await expect(store.append(id, [ev('A')], opts('stream-exists'))).rejects.toBeInstanceOf(ConcurrencyConflict);
        await store.append(id, [ev('A')], opts('any'));
        await expect(store.append(id, [ev('B')], opts('stream-exists'))).resolves.toMatchObject({ nextExpectedVersion: 2 });
      });

      it('lets any append whatever the version', async () => {
        const id = stream();
        await store.append(id, [ev('A')], opts('any'));
        await expect(store.append(id, [ev('B')], opts('any'))).resolves.toMatchObject({ nextExpectedVersion: 2 });
      });

      it('lets exactly one of several racing writers with the same expected version win', async () => {
        const id = stream();
        await store.append(id, [ev('A')], opts('no-stream'));
        const results = await Promise.allSettled(Array.from({ length: 8 }, () => store.append(id, [ev('B')], opts(1))));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter((r) => r.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflict);
        expect(await store.streamVersion(id)).toBe(2);
      });
    });

    describe('idempotency by event id', () => {
      it('turns a retried append into a no-op that returns the stored positions', async () => {
        const id = stream();
        const events = [ev('A'), ev('B')];
        const first = await store.append(id, events, opts('no-stream'));
        const retry = await store.append(id, events, opts('no-stream'));
        expect(retry).toMatchObject({ duplicate: true, positions: first.positions, nextExpectedVersion: 2 });
        expect(await store.readStream(id)).toHaveLength(2);
      });

      (capabilities.crossStreamIdCheck === false ? it.skip : it)('refuses event ids already used on another stream', async () => {
        const events = [ev('A')];
        await store.append(stream(), events, opts('any'));
        await expect(store.append(stream(), events, opts('any'))).rejects.toBeInstanceOf(DuplicateEventId);
      });

      it('refuses an append that reuses only some stored ids', async () => {
        const id = stream();
        const a = ev('A');
        await store.append(id, [a], opts('any'));
        await expect(store.append(id, [a, ev('B')], opts('any'))).rejects.toBeInstanceOf(DuplicateEventId);
        expect(await store.streamVersion(id)).toBe(1);
      });
    });

    describe('batches and concurrency', () => {
      it('appends a large batch atomically with contiguous versions', async () => {
        const id = stream();
        const events = Array.from({ length: 250 }, (_, i) => ev('Item', { i }));
        const result = await store.append(id, events, opts('no-stream'));
        expect(result.nextExpectedVersion).toBe(250);
        const read = await store.readStream(id);
        expect(read.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
        expect(read.map((e) => (e.data as { i: number }).i)).toEqual(events.map((_, i) => i));
      });

      it('serves many concurrent writers on distinct streams', async () => {
        const ids = Array.from({ length: 40 }, () => stream('many'));
        const results = await Promise.all(ids.map((id) => store.append(id, [ev('A'), ev('B')], opts('no-stream'))));
        expect(results.every((r) => r.nextExpectedVersion === 2)).toBe(true);
        expect(new Set(results.flatMap((r) => r.positions)).size).toBe(80);
      });

      it('chains appends to one stream issued together, each against the previous', async () => {
        const id = stream();
        const results = await Promise.all([0, 1, 2, 3].map((v) => store.append(id, [ev('A', { v })], opts(v))));
        expect(results.map((r) => r.nextExpectedVersion)).toEqual([1, 2, 3, 4]);
        expect((await store.readStream(id)).map((e) => (e.data as { v: number }).v)).toEqual([0, 1, 2, 3]);
      });
    });

    describe('reading the global log', () => {
      it('returns every event once, in stream order, across pages', async () => {
        const { next: before } = await readToEnd();
        const a = stream('a');
        const b = stream('b');
        await store.append(a, [ev('A1'), ev('A2')], opts('no-stream'));
        await store.append(b, [ev('B1')], opts('no-stream'));
        await store.append(a, [ev('A3')], opts(2));
        const seen: RecordedEvent[] = [];
        let next = before;
        await eventually(async () => {
          const page = await readToEnd(next, undefined, 2);
          seen.push(...page.events);
          next = page.next;
          const ours = seen.filter((e) => e.streamId === a || e.streamId === b);
          expect(ours.map((e) => e.type)).toEqual([T('A1'), T('A2'), T('B1'), T('A3')]);
        });
        expect(new Set(seen.map((e) => e.eventId)).size).toBe(seen.length);
      });

      it('keeps the position when nothing new is visible', async () => {
        const { next } = await readToEnd();
        const again = await store.readAll({ after: next });
        expect(again).toEqual({ events: [], next });
      });

      it('filters by type and still moves the position past other events', async () => {
        const { next: before } = await readToEnd();
        const id = stream();
        await store.append(id, [ev('Wanted', { n: 1 }), ev('Other'), ev('Other')], opts('no-stream'));
        const page = await eventually(async () => {
          const p = await store.readAll({ after: before, types: [T('Wanted')], limit: 10 });
          expect(p.events.map((e) => e.data)).toEqual([{ n: 1 }]);
          return p;
        });
        const afterFilter = await store.readAll({ after: page.next, limit: 10 });
        expect(afterFilter.events.filter((e) => e.streamId === id)).toEqual([]);
      });
    });

    describe('full pages', () => {
      it('fills a type-filtered page even when the matching events are sparse, and continues from its position', async () => {
        const { next: before } = await readToEnd();
        const id = stream();
        // 600 others between two matches: more than one search window of the server.
        const gap = Array.from({ length: 600 }, () => ev('Noise'));
        await store.append(id, [ev('Sparse', { n: 1 }), ...gap, ev('Sparse', { n: 2 }), ev('Noise'), ev('Sparse', { n: 3 }), ...gap.slice(0, 50).map(() => ev('Noise')), ev('Sparse', { n: 4 })], opts('no-stream'));
        const types = [T('Sparse')];
        const first = await eventually(async () => {
          const page = await store.readAll({ after: before, types, limit: 2 });
          expect(page.events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
          return page;
        });
        // The position is the last event returned: the next page starts right after it.
        const second = await store.readAll({ after: first.next, types, limit: 2 });
        expect(second.events.map((e) => e.data)).toEqual([{ n: 3 }, { n: 4 }]);
        const rest = await readToEnd(second.next, types, 2);
        expect(rest.events.filter((e) => e.streamId === id)).toEqual([]);
      });

      it('fills an unfiltered page with store events only', async () => {
        const { next: before } = await readToEnd();
        const id = stream();
        await store.append(id, Array.from({ length: 7 }, (_, i) => ev('Counted', { i })), opts('no-stream'));
        const page = await eventually(async () => {
          const p = await store.readAll({ after: before, limit: 5 });
          expect(p.events.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
          return p;
        });
        expect(page.events.every((e) => e.streamId === id)).toBe(true);
        const next = await store.readAll({ after: page.next, limit: 5 });
        expect(next.events.map((e) => (e.data as { i: number }).i)).toEqual([5, 6]);
      });
    });

    describe('counting', () => {
      it('counts the events of given types that readAll from the start returns', async () => {
        if (!store.countEvents) throw new Error(`${name} has no countEvents: both stores count (a rebuild's progress total)`);
        const types = [T('Tallied'), T('AlsoTallied')];
        expect(await store.countEvents({ types })).toBe(0);
        await store.append(stream(), [ev('Tallied'), ev('Other'), ev('AlsoTallied'), ev('Tallied'), ev('Other')], opts('no-stream'));
        await eventually(async () => expect(await store.countEvents!({ types })).toBe(3));
        expect(await store.countEvents({ types: [T('AlsoTallied')] })).toBe(1);
        const all = await store.countEvents();
        expect(all).toBe((await readToEnd(START, undefined, 1000)).events.length);
      });
    });

    describe('time travel', () => {
      it('reads a stream as the system knew it at an instant', async () => {
        const id = stream();
        await store.append(id, [ev('Before')], opts('no-stream'));
        await new Promise((r) => setTimeout(r, 50));
        const asOf = new Date();
        await new Promise((r) => setTimeout(r, 50));
        await store.append(id, [ev('After')], opts(1));
        expect((await store.readStream(id, { asOf })).map((e) => e.type)).toEqual([T('Before')]);
        expect((await store.readStream(id)).map((e) => e.type)).toEqual([T('Before'), T('After')]);
      });
    });

    describe('schema evolution', () => {
      it('upcasts old events through every step on read and leaves current ones alone', async () => {
        const id = stream();
        await store.append(id, [ev('Renamed', { name: 'Ana' }, 1), ev('Renamed', { fullName: 'Ben', preferred: 'B' }, 3)], opts('no-stream'));
        const read = await store.readStream(id);
        expect(read.map((e) => [e.schemaVersion, e.data])).toEqual([
          [3, { fullName: 'Ana', preferred: null }],
          [3, { fullName: 'Ben', preferred: 'B' }],
        ]);
      });
    });

    describe('aggregate', () => {
      const counter = (type: string) => ({
        initialState: () => ({ total: 0, seen: [] as string[] }),
        evolve: (s: { total: number; seen: string[] }, e: { type: string; data: unknown }) =>
          e.type === type ? { total: s.total + (e.data as { by: number }).by, seen: [...s.seen, e.type] } : s,
      });

      it('folds the stream through the decider and returns the version to expect next', async () => {
        const id = stream();
        await store.append(id, [ev('Added', { by: 2 }), ev('Added', { by: 3 })], opts('no-stream'));
        const { state, version } = await store.aggregate(id, counter(T('Added')));
        expect(state).toEqual({ total: 5, seen: [T('Added'), T('Added')] });
        expect(version).toBe(2);
      });

      it('starts from the initial state at version 0 for a new stream', async () => {
        expect(await store.aggregate(stream(), counter(T('Added')))).toEqual({ state: { total: 0, seen: [] }, version: 0 });
      });

      it('folds upcast events', async () => {
        const id = stream();
        await store.append(id, [ev('Renamed', { name: 'Ana' }, 1)], opts('no-stream'));
        const { state } = await store.aggregate(id, {
          initialState: () => '',
          evolve: (_s: string, e: { type: string; data: unknown }) => (e.data as { fullName: string }).fullName,
        });
        expect(state).toBe('Ana');
      });
    });

    describe('integrity', () => {
      it('verifies untampered history as intact', async () => {
        await store.append(stream(), [ev('A'), ev('B')], opts('no-stream'));
        const report = await store.verify();
        expect(report.problems).toEqual([]);
        expect(report.ok).toBe(true);
        expect(report.eventsChecked).toBeGreaterThan(0);
      });

      it('chains seals over the global log, anchors that match, and null when nothing is new', async () => {
        if (!store.seal || !store.listSeals) throw new Error(`${name} has no seals: both stores must seal (ADR 0019)`);
        const id = stream();
        await store.append(id, [ev('A'), ev('B')], opts('no-stream'));
        // Visibility is eventual (the safe horizon): seal until our events are covered.
        const first = await eventually(async () => {
          await store.seal!();
          const report = await store.verify();
          expect(report.unsealedEvents).toBe(0);
          return (await store.listSeals!()).at(-1)!;
        });
        expect(first).toMatchObject({ sealNo: expect.any(Number), upto: expect.any(String), keyId: expect.any(String) });
        expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
        await store.append(id, [ev('C')], opts(2));
        const second = await eventually(async () => {
          const s = await store.seal!();
          expect(s).not.toBeNull();
          return s!;
        });
        expect(second.prevHash).toBe((await store.listSeals!({ afterSealNo: second.sealNo - 2 }))[0].hash);
        expect(second.totalEvents).toBeGreaterThanOrEqual(first.totalEvents + 1);
        await eventually(async () => {
          await store.seal!();
          expect((await store.verify()).unsealedEvents).toBe(0);
        });
        expect(await store.seal!()).toBeNull();
        const anchors = await store.listSeals!();
        expect(await store.verify({ anchors })).toMatchObject({ ok: true, anchorsChecked: anchors.length, problems: [] });
      });

      /** Seals until the verifier sees nothing unsealed (visibility is eventual on PostgreSQL); the newest seal. */
      const sealAll = (s: EventStore) =>
        eventually(async () => {
          await s.seal!();
          expect((await s.verify()).unsealedEvents).toBe(0);
          return (await s.listSeals!()).at(-1)!;
        });
      const sealProblems = (problems: IntegrityProblem[]) => problems.filter((p) => p.seal !== undefined);

      it('marks each seal with the key it was made with and chains seals across a key rotation', async () => {
        const scope = `rot${randomUUID().slice(0, 8)}`;
        const before = await another([K1], scope);
        await before.append(stream(), [ev('A')], opts('no-stream'));
        const first = await sealAll(before);
        expect(first.keyId).toBe(K1.id);

        const rotated = await another([K2, K1], scope);
        await rotated.append(stream(), [ev('B')], opts('no-stream'));
        const second = await sealAll(rotated);
        expect(second).toMatchObject({ keyId: K2.id, sealNo: first.sealNo + 1, prevHash: first.hash });
        expect(second.totalEvents).toBe(first.totalEvents + second.eventCount);
        expect(sealProblems((await rotated.verify()).problems)).toEqual([]);

        // A verifier that lost k1 says which seal it cannot check, and checks the rest.
        const withoutOld = await another([K2], scope);
        const report = await withoutOld.verify();
        expect(sealProblems(report.problems)).toEqual([expect.objectContaining({ kind: 'key-unavailable', seal: first.sealNo, keyId: K1.id })]);
        expect(report.uncheckable?.[K1.id]).toBeGreaterThanOrEqual(1);
      });

      it('names an anchor the store differs from, an anchored seal it lacks, and events missing below the newest anchor', async () => {
        const sealed = await another([K2, K1], `anc${randomUUID().slice(0, 8)}`);
        await sealed.append(stream(), [ev('A'), ev('B')], opts('no-stream'));
        await sealAll(sealed);
        await sealed.append(stream(), [ev('C')], opts('no-stream'));
        const last = await sealAll(sealed);
        const anchors = await sealed.listSeals!();
        expect(anchors.map((a) => a.sealNo)).toEqual([1, 2]);

        const untouched = await sealed.verify({ anchors });
        expect(untouched.anchorsChecked).toBe(2);
        expect(sealProblems(untouched.problems)).toEqual([]);

        const edited: SealRecord[] = anchors.map((a) => (a.sealNo === last.sealNo ? { ...a, hash: 'f'.repeat(64) } : a));
        expect(sealProblems((await sealed.verify({ anchors: edited })).problems)).toEqual([expect.objectContaining({ kind: 'anchor-seal-mismatch', seal: last.sealNo })]);

        // An anchor of a seal the store no longer has (deleted with the events it covered).
        const lost: SealRecord = { ...last, sealNo: last.sealNo + 1, prevHash: last.hash, hash: 'e'.repeat(64), eventCount: 1, totalEvents: last.totalEvents + 1 };
        const kinds = sealProblems((await sealed.verify({ anchors: [...anchors, lost] })).problems).map((p) => [p.kind, p.seal]);
        expect(kinds).toEqual(expect.arrayContaining([['anchor-seal-missing', lost.sealNo], ['anchor-events-missing', lost.sealNo]]));
        expect(kinds).toHaveLength(2);
      });

      it('lets one of several racing sealers seal, so seal numbers stay one chain', async () => {
        // Two replicas' stores over one seal set, sealing at once.
        const scope = `race${randomUUID().slice(0, 8)}`;
        const a = await another([K2, K1], scope);
        const b = await another([K2, K1], scope);
        for (let round = 0; round < 3; round++) {
          await a.append(stream(), [ev('A', { round })], opts('no-stream'));
          await eventually(async () => {
            const made = (await Promise.all([a.seal!(), b.seal!(), a.seal!(), b.seal!()])).filter((x) => x !== null);
            expect(made.length).toBeLessThanOrEqual(1);
            expect((await b.verify()).unsealedEvents).toBe(0);
          });
        }
        const seals = await b.listSeals!();
        expect(seals.length).toBeGreaterThanOrEqual(3);
        expect(seals.map((x) => x.sealNo)).toEqual(seals.map((_, i) => i + 1));
        seals.forEach((x, i) => expect(x.prevHash).toBe(i ? seals[i - 1].hash : ''));
        expect(sealProblems((await a.verify()).problems)).toEqual([]);
      });

    });
  });
}
