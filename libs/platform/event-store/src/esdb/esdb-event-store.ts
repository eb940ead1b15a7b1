import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START as ESDB_START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  jsonEvent,
  type AllStreamResolvedEvent,
  type JSONType,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { Decider } from '@tpm/kernel';
import { expectedVersionHolds, prepareEvents, type PreparedEvent } from '../append-request';
import { canonicalJson } from '../canonical-json';
import { ConcurrencyConflict, DuplicateEventId } from '../errors';
import { compareWithAnchors } from '../anchors';
import { EventHasher, GENESIS_HASH, UNKEYED, type HmacKey } from '../event-hash';
import {
  START,
  type AppendOptions,
  type AppendResult,
  type CountEventsOptions,
  type LogPosition,
  type EventStore,
  type IntegrityProblem,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  type SealRecord,
  type StoredMetadata,
  type Upcaster,
  type VerificationReport,
  type VerifyOptions,
} from '../event-store';
import { UpcasterChain } from '../upcasting';
import { comparePositions, decodePosition, encodePosition, type EsdbPosition } from './esdb-position';
import { storeEventsRegex, typesRegex } from './esdb-type-filter';

export interface EsdbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false` */
  connectionString: string;
  upcasters?: Upcaster[];
  hmacKey?: string | Buffer;
  /** Rotating HMAC keys, current first; wins over `hmacKey`. */
  hmacKeys?: readonly HmacKey[];
  /** The stream holding the chained seals over $all; default `tpm-integrity-seals`. */
  sealStream?: string;
  /** How far back a retried append looks for its event ids (EventStoreDB has no id index). */
  duplicateScanDepth?: number;
  /** How long a filtered read of $all waits for a server that stops answering before it returns what it has; default 5 s. */
  searchIdleMs?: number;
}

/** The server already holds another service's log. */
export class EsdbServerClaimed extends Error {
  override readonly name = 'EsdbServerClaimed';
  constructor(
    readonly owner: string,
    readonly claimedBy: string,
  ) {
    super(`ESDB_CONNECTION_STRING points at the EventStoreDB server of ${claimedBy}, not ${owner}: each service needs its own server (ADR 0027)`);
  }
}

/** What we keep in EventStoreDB's event metadata beside the caller's metadata. */
interface EsdbMetadata extends StoredMetadata {
  occurredAt: string;
  schemaVersion: number;
  prevHash: string;
  hash: string;
  /** The HMAC key id of `hash` ('' = plain sha-256). */
  keyId?: string;
}

const SEALED = 'tpm.Sealed';
/** One per server: which service's log this server holds (see `claimServer`). */
const CLAIMED = 'tpm.ServerClaimed';
const CLAIM_STREAM = 'tpm-server-claim';

type Resolved = ResolvedEvent | AllStreamResolvedEvent;

/** Events the server searches per window of a filtered read before it reports a checkpoint. */
const SEARCH_WINDOW = 500;

/**
 * The event-store contract on EventStoreDB / KurrentDB. The server orders and versions streams
 * itself and its $all order is commit order, so no horizon is needed to avoid skipping. Hash chains
 * live in event metadata and are verified by replaying $all. Seals are the same chained format as
 * PostgreSQL's, written to a seal stream (`tpm-integrity-seals`) over $all in commit order, so a
 * deleted stream or tail is detected and seals can be anchored outside the server. One difference
 * remains, by design of the server: event ids are checked for reuse within the stream only (no
 * global id index).
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly hasher: EventHasher;
  private readonly upcasters: UpcasterChain;
  private readonly scanDepth: number;
  private readonly searchIdleMs: number;
  readonly sealStream: string;

  constructor(options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.hasher = new EventHasher(options.hmacKeys?.length ? options.hmacKeys : options.hmacKey);
    this.sealStream = options.sealStream ?? 'tpm-integrity-seals';
    this.upcasters = new UpcasterChain(options.upcasters);
    this.scanDepth = options.duplicateScanDepth ?? 1000;
    this.searchIdleMs = options.searchIdleMs ?? 5_000;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    // As on PostgreSQL: an event without a version is written at its type's current one.
    const prepared = prepareEvents(streamId, events, options, new Date(), (type) => this.upcasters.currentVersion(type));
    for (let attempt = 0; ; attempt++) {
      const tail = await this.readTail(streamId);
      const current = tail ? Number(tail.revision) + 1 : 0;
      if (!prepared.length) {
        if (!expectedVersionHolds(options.expectedVersion, current)) throw new ConcurrencyConflict(streamId, options.expectedVersion, current);
        return { streamId, nextExpectedVersion: current, positions: [], duplicate: false };
      }
      if (current > 0) {
        const duplicate = await this.findStored(streamId, prepared, current);
        if (duplicate) return duplicate;
      }
      if (!expectedVersionHolds(options.expectedVersion, current)) throw new ConcurrencyConflict(streamId, options.expectedVersion, current);

      let prevHash = tail?.hash ?? GENESIS_HASH;
      const data = prepared.map((e, i) => {
        const hash = this.hasher.eventIn(prevHash, e, streamId, current + i + 1);
        const metadata: EsdbMetadata = {
          ...(JSON.parse(e.metadataText) as StoredMetadata),
          occurredAt: e.occurredAt,
          schemaVersion: e.schemaVersion,
          prevHash,
          hash,
          keyId: this.hasher.keyId,
        };
        prevHash = hash;
        return jsonEvent({ id: e.eventId, type: e.type, data: JSON.parse(e.dataText) as JSONType, metadata: metadata as unknown as JSONType });
      });
      try {
        // Always pin the revision we chained from, even for 'any': a concurrent writer would fork the chain.
        await this.client.appendToStream(streamId, data, { expectedRevision: tail ? tail.revision : NO_STREAM });
      } catch (e) {
        if (!(e instanceof WrongExpectedVersionError)) throw e;
        // Someone wrote in between: where the caller did not pin a version, chain again on top.
        if (typeof options.expectedVersion === 'number' || options.expectedVersion === 'no-stream' || attempt >= 20) {
          const actual = await this.streamVersion(streamId);
          throw new ConcurrencyConflict(streamId, options.expectedVersion, actual);
        }
        continue;
      }
      const written = await this.readStream(streamId, { fromVersion: current + 1, toVersion: current + prepared.length });
      return { streamId, nextExpectedVersion: current + prepared.length, positions: written.map((e) => e.globalPosition), duplicate: false };
    }
  }

  /** A retried append returns what its original stored; reusing only some ids is refused. */
  private async findStored(streamId: string, prepared: PreparedEvent[], current: number): Promise<AppendResult | null> {
    const wanted = new Set(prepared.map((e) => e.eventId));
    const found = new Map<string, number>();
    for await (const r of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: this.scanDepth })) {
      if (r.event && wanted.has(r.event.id)) found.set(r.event.id, Number(r.event.position?.commit ?? -1n));
    }
    if (!found.size) return null;
    if (found.size !== wanted.size) throw new DuplicateEventId([...found.keys()]);
    return { streamId, nextExpectedVersion: current, positions: prepared.map((e) => found.get(e.eventId)!), duplicate: true };
  }

  private async readTail(streamId: string): Promise<{ revision: bigint; hash: string } | null> {
    try {
      for await (const r of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
        if (r.event) return { revision: r.event.revision, hash: (r.event.metadata as unknown as EsdbMetadata)?.hash ?? GENESIS_HASH };
      }
    } catch (e) {
      if (e instanceof StreamNotFoundError) return null;
      throw e;
    }
    return null;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = Math.max(1, options.fromVersion ?? 1);
    const asOf = options.asOf ? new Date(options.asOf).getTime() : undefined;
    const out: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: BigInt(from - 1),
        ...(options.toVersion !== undefined ? { maxCount: Math.max(0, options.toVersion - from + 1) } : {}),
      });
      for await (const r of read) {
        const e = this.toRecorded(r);
        if (!e) continue;
        if (asOf !== undefined && Date.parse(e.recordedAt) > asOf) break;
        out.push(e);
      }
    } catch (e) {
      if (e instanceof StreamNotFoundError) return [];
      throw e;
    }
    return out;
  }

  async streamVersion(streamId: string): Promise<number> {
    const tail = await this.readTail(streamId);
    return tail ? Number(tail.revision) + 1 : 0;
  }

  /**
   * One page of $all after `after`. The type filter runs on the server (a filtered catch-up
   * subscription: EventStoreDB's read of $all takes no filter in this client), so a page holds
   * `limit` matching events however sparse they are, and `next` is the last position the server is
   * known to have searched: the last event returned when the page is full, else the head of $all
   * taken before the read. Nothing can appear later behind a position we passed: $all is in commit
   * order, so `horizon` changes nothing here.
   */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after ?? START;
    const limit = Math.max(1, Math.min(options.limit ?? 1000, 10_000));
    const from = after === START ? undefined : decodePosition(after);
    const head = await this.headOfAll();
    if (!head || (from && comparePositions(head, from) <= 0)) return { events: [], next: after };
    const regex = options.types?.length ? typesRegex(options.types) : storeEventsRegex([SEALED, CLAIMED]);
    const page = await this.searchAll({ from, head, limit, regex });
    return { events: page.events, next: page.searched ? encodePosition(page.searched) : after };
  }

  /**
   * How many events `readAll` from the start returns now (of `types` if given). EventStoreDB keeps
   * no such count: this reads the matching events, filtered on the server, in full pages (only
   * matching events cross the wire), so it costs a read of them, unlike PostgreSQL's.
   */
  async countEvents(options: CountEventsOptions = {}): Promise<number> {
    let count = 0;
    let after: LogPosition = START;
    for (;;) {
      const { events, next } = await this.readAll({ after, limit: 10_000, types: options.types?.length ? options.types : undefined });
      count += events.length;
      if (next === after) return count;
      after = next;
    }
  }

  /** The position of the last record in $all (any stream), or null when $all is empty. */
  private async headOfAll(): Promise<EsdbPosition | null> {
    for await (const r of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
      const p = r.event?.position ?? (r.commitPosition !== undefined ? { commit: r.commitPosition, prepare: r.commitPosition } : undefined);
      if (p) return { commit: p.commit, prepare: p.prepare };
    }
    return null;
  }

  /**
   * Matching events in (from, head], at most `limit`. Ends when the page is full, at an event at or
   * past `head` or a checkpoint past it, or when the server says it caught up (EventStoreDB 23.10+
   * and KurrentDB do). A server that says none of these within `searchIdleMs` ends the page at the
   * last event it delivered: short, never skipping.
   */
  private searchAll(q: { from?: EsdbPosition; head: EsdbPosition; limit: number; regex: string }): Promise<{ events: RecordedEvent[]; searched?: EsdbPosition }> {
    return new Promise((resolve, reject) => {
      const events: RecordedEvent[] = [];
      let searched: EsdbPosition | undefined = q.from;
      let done = false;
      let idle: NodeJS.Timeout | undefined;
      const finish = (error?: unknown) => {
        if (done) return;
        done = true;
        clearTimeout(idle);
        void subscription.unsubscribe().catch(() => undefined);
        if (error) reject(error);
        else resolve({ events, searched });
      };
      const heard = () => {
        clearTimeout(idle);
        idle = setTimeout(() => finish(), this.searchIdleMs);
      };
      // A checkpoint only ends the page once it is past the head: whether its position is the last
      // record searched or the next one to search is the server's, so below the head it moves
      // nothing (the page's position stays the last event delivered).
      const reached = (p: EsdbPosition) => {
        if (comparePositions(p, q.head) > 0) {
          searched = q.head;
          finish();
        }
      };
      const subscription = this.client.subscribeToAll({
        fromPosition: q.from ?? ESDB_START,
        filter: eventTypeFilter({
          regex: q.regex,
          maxSearchWindow: Math.min(q.limit, SEARCH_WINDOW),
          checkpointInterval: 1,
          checkpointReached: (_s, position) => {
            if (done) return;
            heard();
            reached(position);
          },
        }),
      });
      subscription.on('data', (r: AllStreamResolvedEvent) => {
        if (done) return;
        heard();
        const position = r.event?.position;
        if (!position) return;
        if (q.from && comparePositions(position, q.from) <= 0) return; // a subscription from a position starts after it; never repeat it
        if (comparePositions(position, q.head) > 0) {
          // Written after the read began: the next page takes it.
          searched = q.head;
          return finish();
        }
        if (this.isStoreEvent(r)) {
          const e = this.toRecorded(r);
          if (e) {
            e.logPosition = encodePosition(position);
            events.push(e);
          }
        }
        searched = position;
        if (events.length >= q.limit || comparePositions(position, q.head) === 0) finish();
      });
      // Events the server sent before saying so are already emitted or buffered: let them in first.
      subscription.on('caughtUp', () => setImmediate(() => {
        if (done) return;
        searched = q.head;
        finish();
      }));
      subscription.on('error', (e) => finish(e));
      subscription.on('end', () => finish());
      heard();
    });
  }

  async aggregate<C, E, S>(
    streamId: string,
    decider: Pick<Decider<C, E, S>, 'evolve' | 'initialState'>,
    options?: ReadStreamOptions,
  ): Promise<{ state: S; version: number }> {
    const events = await this.readStream(streamId, options);
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState());
    return { state, version: events.at(-1)?.streamVersion ?? 0 };
  }

  /** Events of this store's streams: not the server's own, not the seals. */
  private isStoreEvent(r: Resolved): boolean {
    const ev = r.event;
    return !!ev && !ev.type.startsWith('$') && !ev.streamId.startsWith('$') && ev.streamId !== this.sealStream && ev.streamId !== CLAIM_STREAM;
  }

  private async readSeals(direction: typeof FORWARDS | typeof BACKWARDS, maxCount?: number): Promise<{ seal: SealRecord; revision: bigint }[]> {
    const out: { seal: SealRecord; revision: bigint }[] = [];
    try {
      for await (const r of this.client.readStream(this.sealStream, { direction, fromRevision: direction === FORWARDS ? ESDB_START : END, ...(maxCount ? { maxCount } : {}) })) {
        if (r.event?.type === SEALED) out.push({ seal: r.event.data as unknown as SealRecord, revision: r.event.revision });
      }
    } catch (e) {
      if (e instanceof StreamNotFoundError) return [];
      throw e;
    }
    return out;
  }

  /** Chains a seal over $all since the last one (same format as PostgreSQL's); null when nothing is new. */
  async seal(): Promise<SealRecord | null> {
    const [last] = await this.readSeals(BACKWARDS, 1);
    const digest = this.hasher.eventsDigest();
    let count = 0;
    let upto: { commit: bigint; prepare: bigint } | undefined;
    const from = last ? decodePosition(last.seal.upto) : undefined;
    for await (const r of this.client.readAll({ direction: FORWARDS, fromPosition: from ?? ESDB_START })) {
      const position = r.event?.position;
      if (!position || !this.isStoreEvent(r)) continue;
      if (from && comparePositions(position, from) <= 0) continue;
      const meta = r.event!.metadata as unknown as EsdbMetadata | undefined;
      if (!meta?.hash) continue;
      digest.update(meta.hash).update('\n');
      count++;
      upto = { commit: position.commit, prepare: position.prepare };
    }
    if (!upto) return null;
    const sealNo = (last?.seal.sealNo ?? 0) + 1;
    const prevHash = last?.seal.hash ?? GENESIS_HASH;
    const uptoText = encodePosition(upto);
    const totalEvents = (last?.seal.totalEvents ?? 0) + count;
    const seal: SealRecord = {
      sealNo,
      upto: uptoText,
      uptoPosition: Number(upto.commit),
      eventCount: count,
      totalEvents,
      prevHash,
      hash: this.hasher.seal({ prevHash, sealNo, upto: uptoText, eventCount: count, totalEvents, eventsDigest: digest.digest('hex') }),
      keyId: this.hasher.keyId,
      sealedAt: new Date().toISOString(),
    };
    try {
      // Pinned to the seal we chained from: of two racing sealers, one wins and the other seals nothing.
      await this.client.appendToStream(this.sealStream, jsonEvent({ type: SEALED, data: seal as unknown as JSONType }), {
        expectedRevision: last ? last.revision : NO_STREAM,
      });
    } catch (e) {
      if (e instanceof WrongExpectedVersionError) return null;
      throw e;
    }
    return seal;
  }

  async listSeals(options: { afterSealNo?: number; limit?: number } = {}): Promise<SealRecord[]> {
    const after = options.afterSealNo ?? 0;
    return (await this.readSeals(FORWARDS))
      .map((s) => s.seal)
      .filter((s) => s.sealNo > after)
      .slice(0, options.limit ?? 10_000);
  }

  async verify(options: VerifyOptions = {}): Promise<VerificationReport> {
    const heads = new Map<string, { version: number; hash: string }>();
    const problems: IntegrityProblem[] = [];
    const uncheckable: Record<string, number> = {};
    const checkable = (keyId: string, where: Omit<IntegrityProblem, 'kind' | 'detail' | 'keyId'>, what: string) => {
      if (!this.hasher.canCheck(keyId)) {
        uncheckable[keyId] = (uncheckable[keyId] ?? 0) + 1;
        problems.push({ kind: 'key-unavailable', keyId, ...where, detail: `${what} was hashed with key ${keyId}, which this verifier does not hold: it cannot be checked` });
        return false;
      }
      if (this.hasher.keyed && keyId === UNKEYED) {
        problems.push({ kind: 'unkeyed-hash', keyId, ...where, detail: `${what} carries a plain sha-256 hash although this store is keyed: recomputed without the key` });
      }
      return true;
    };
    const seals = (await this.readSeals(FORWARDS)).map((s) => s.seal);
    let sealIndex = 0;
    let sealDigest = this.hasher.eventsDigest();
    let sealCount = 0;
    let sealedTotal = 0;
    let prevSealHash = GENESIS_HASH;
    const finishSeal = () => {
      const seal = seals[sealIndex];
      if (seal.sealNo !== sealIndex + 1 || seal.prevHash !== prevSealHash) {
        problems.push({ kind: 'seal-chain-broken', seal: seal.sealNo, detail: `seal ${seal.sealNo} does not chain to seal ${sealIndex}` });
      }
      if (sealCount !== seal.eventCount || seal.totalEvents !== sealedTotal + seal.eventCount) {
        problems.push({
          kind: 'seal-count-mismatch',
          seal: seal.sealNo,
          globalPosition: seal.uptoPosition,
          detail: `seal covers ${seal.eventCount} events (${seal.totalEvents} in all), the log now holds ${sealCount} in its range (${sealedTotal + sealCount} in all)`,
        });
      }
      if (checkable(seal.keyId, { seal: seal.sealNo }, `seal ${seal.sealNo}`)) {
        const expected = this.hasher.seal(
          { prevHash: seal.prevHash, sealNo: seal.sealNo, upto: seal.upto, eventCount: sealCount, totalEvents: sealedTotal + sealCount, eventsDigest: sealDigest.digest('hex') },
          seal.keyId,
        );
        if (expected !== seal.hash) {
          problems.push({ kind: 'seal-hash-mismatch', seal: seal.sealNo, globalPosition: seal.uptoPosition, detail: 'events in the sealed range were edited, added, removed or reordered, or the seal was recomputed without its key' });
        }
      }
      prevSealHash = seal.hash;
      sealedTotal = seal.totalEvents;
      sealIndex++;
      sealDigest = this.hasher.eventsDigest();
      sealCount = 0;
    };
    const lastAnchor = options.anchors?.length ? [...options.anchors].sort((a, b) => a.sealNo - b.sealNo).at(-1)! : undefined;
    const lastAnchorAt = lastAnchor ? decodePosition(lastAnchor.upto) : undefined;
    let upToLastAnchor = 0;
    let checked = 0;
    let unsealed = 0;
    for await (const r of this.client.readAll({ direction: FORWARDS, fromPosition: ESDB_START })) {
      const ev = r.event;
      if (!ev || !this.isStoreEvent(r) || !ev.position) continue;
      const meta = ev.metadata as unknown as EsdbMetadata | undefined;
      if (!meta?.hash) continue; // not written through this store
      while (sealIndex < seals.length && comparePositions(ev.position, decodePosition(seals[sealIndex].upto)) > 0) finishSeal();
      if (sealIndex < seals.length) {
        sealDigest.update(meta.hash).update('\n');
        sealCount++;
      } else {
        unsealed++;
      }
      if (lastAnchorAt && comparePositions(ev.position, lastAnchorAt) <= 0) upToLastAnchor++;
      const head = heads.get(ev.streamId) ?? { version: 0, hash: GENESIS_HASH };
      const version = Number(ev.revision) + 1;
      const globalPosition = Number(ev.position.commit);
      if (version !== head.version + 1) {
        problems.push({ kind: 'stream-version-gap', streamId: ev.streamId, streamVersion: version, globalPosition, detail: `expected version ${head.version + 1}` });
      }
      const keyId = meta.keyId ?? UNKEYED;
      if (checkable(keyId, { streamId: ev.streamId, streamVersion: version, globalPosition }, `event ${ev.streamId}@${version}`)) {
        const expected = this.hasher.event(
          head.hash,
          {
            eventId: ev.id,
            streamId: ev.streamId,
            streamVersion: version,
            type: ev.type,
            schemaVersion: meta.schemaVersion,
            dataText: canonicalJson(ev.data),
            metadataText: canonicalJson(storedMetadata(meta)),
            occurredAt: meta.occurredAt,
          },
          keyId,
        );
        if (expected !== meta.hash || meta.prevHash !== head.hash) {
          problems.push({ kind: 'event-hash-mismatch', streamId: ev.streamId, streamVersion: version, globalPosition, detail: 'hash differs from the recomputed chain' });
        }
      }
      heads.set(ev.streamId, { version, hash: meta.hash });
      checked++;
      if (checked % 1000 === 0) options.onProgress?.(checked, checked);
    }
    while (sealIndex < seals.length) finishSeal();
    if (options.anchors) problems.push(...(await compareWithAnchors(options.anchors, seals, async () => upToLastAnchor)));
    options.onProgress?.(checked, checked);
    return {
      ok: problems.length === 0,
      streamsChecked: heads.size,
      eventsChecked: checked,
      sealsChecked: seals.length,
      unsealedEvents: unsealed,
      anchorsChecked: options.anchors?.length ?? 0,
      ...(Object.keys(uncheckable).length ? { uncheckable } : {}),
      problems,
    };
  }

  /**
   * Marks the server as holding `owner`'s log, or throws if another owner claimed it first. $all is
   * the whole server: two services on one server would each relay, project and seal the other's
   * events, so each service needs a server of its own, as it has a database of its own.
   */
  async claimServer(owner: string): Promise<void> {
    try {
      await this.client.appendToStream(CLAIM_STREAM, jsonEvent({ type: CLAIMED, data: { owner } }), { expectedRevision: NO_STREAM });
      return;
    } catch (e) {
      if (!(e instanceof WrongExpectedVersionError)) throw e;
    }
    for await (const r of this.client.readStream(CLAIM_STREAM, { direction: FORWARDS, fromRevision: ESDB_START, maxCount: 1 })) {
      const claimed = (r.event?.data as { owner?: string } | undefined)?.owner;
      if (claimed === owner) return;
      throw new EsdbServerClaimed(owner, claimed ?? '(unknown)');
    }
  }

  /** The hasher's keys, for tools that sign what they export (anchor files). */
  integrityHasher(): EventHasher {
    return this.hasher;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private toRecorded(r: Resolved): RecordedEvent | null {
    const ev = r.event;
    if (!ev) return null;
    const meta = (ev.metadata ?? {}) as unknown as Partial<EsdbMetadata>;
    const { schemaVersion, data } = this.upcasters.upcast(ev.type, meta.schemaVersion ?? 1, ev.data);
    return {
      eventId: ev.id,
      streamId: ev.streamId,
      streamVersion: Number(ev.revision) + 1,
      globalPosition: Number(ev.position?.commit ?? r.commitPosition ?? 0n),
      type: ev.type,
      schemaVersion,
      data,
      metadata: storedMetadata(meta),
      occurredAt: meta.occurredAt ?? ev.created.toISOString(),
      recordedAt: ev.created.toISOString(),
      hash: meta.hash ?? '',
    };
  }
}

const storedMetadata = (m: Partial<StoredMetadata>): StoredMetadata => ({
  actor: m.actor!,
  businessUnitId: m.businessUnitId ?? null,
  correlationId: m.correlationId!,
  causationId: m.causationId ?? null,
  traceparent: m.traceparent ?? null,
});
