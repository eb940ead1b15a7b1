import { survivePgConnectionErrors } from './pool-errors';
import { Pool, type PoolClient } from 'pg';
import type { Decider } from '@tpm/kernel';
import type { Logger } from '@tpm/logging';
import { expectedVersionHolds, prepareEvents, type PreparedEvent } from '../append-request';
import { ConcurrencyConflict, DuplicateEventId } from '../errors';
import { EventHasher, GENESIS_HASH, type HmacKey } from '../event-hash';
import {
  START,
  rememberStoredJson,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type LogPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type RecordedEvent,
  type SealRecord,
  type Upcaster,
  type VerificationReport,
  type VerifyOptions,
} from '../event-store';
import { UpcasterChain } from '../upcasting';
import { assertSchemaName, EVENT_ID_CONSTRAINT, RETRY_WITH_DEDUPE_SQLSTATE, schemaSql } from './event-store.schema';
import { listSeals, sealLog, verifyStore } from './postgres-integrity';
import { countEvents } from './postgres-log-count';

export interface PostgresEventStoreOptions {
  /** Either a connection string (the store owns its pool) or a pool shared with the caller. */
  connectionString?: string;
  pool?: Pool;
  poolSize?: number;
  /** Schema holding the tables; default `es`. */
  schema?: string;
  upcasters?: Upcaster[];
  /** When set, hashes are HMAC-SHA256 with this key (id `default`; see EventHasher for the trade-off). */
  hmacKey?: string | Buffer;
  /** Rotating HMAC keys, current first; wins over `hmacKey`. Each hash records its key id. */
  hmacKeys?: readonly HmacKey[];
  /** Group commit: flushes that may run at once (default 3), and the size of one flush. */
  maxConcurrentFlushes?: number;
  maxAppendsPerFlush?: number;
  maxEventsPerFlush?: number;
  /** Stream heads remembered to hash the next append without a read (default 10,000). */
  maxCachedHeads?: number;
  /** The service's logger (`@tpm/logging`); silent by default. */
  logger?: Pick<Logger, 'warn'>;
  /** Test seam: runs inside a flush transaction right after its transaction id is taken. */
  afterFlushXid?: (xid: string) => Promise<void> | void;
}

export interface GroupCommitStats {
  flushes: number;
  appends: number;
  events: number;
  deferrals: number;
  /** Appends retried because the stream head this process had cached had moved (another writer). */
  staleHeads: number;
  fallbacks: number;
}

interface PendingAppend {
  streamId: string;
  events: PreparedEvent[];
  expected: ExpectedVersion;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

type Outcome =
  | { append: PendingAppend; result: AppendResult }
  | { append: PendingAppend; error: unknown }
  | { append: PendingAppend; deferred: true; stale?: true };

/** What this process last saw of a stream's head: the hashes of its next append chain on it. */
interface CachedHead {
  version: number;
  hash: string;
}

/** One row of `append_flush_v2`: per append (in call order) its outcome and the stream head after it. */
interface FlushRow {
  r_status: string[];
  r_version: number[];
  r_hash: string[];
  /** Event ids stored (written now, or found stored) with their global positions. */
  r_ids: string[];
  r_positions: string[];
}

/** One event as the flush's JSON rows carry it: its append, its index in the event ids, version, type, schema version, data, previous hash, hash. */
interface FlushEventRow {
  a: number;
  o: number;
  v: number;
  t: string;
  s: number;
  d: string;
  p: string;
  h: string;
}

const EXPECTED_CODE: Record<string, number> = { any: -1, 'no-stream': -2, 'stream-exists': -3 };
/** An expected version as the SQL reads it: n ≥ 0, -1 any, -2 no-stream, -3 stream-exists. */
const expectedCode = (expected: ExpectedVersion): number => EXPECTED_CODE[expected as string] ?? (expected as number);

interface EventRow {
  global_position: string;
  tx_id: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  /** ISO-8601 UTC with milliseconds, formatted by the server (as Date#toISOString would). */
  occurred_at: string;
  recorded_at: string;
  hash: string;
}

// Positions leave as text (bigint and xid8 overflow JS numbers). ORDER BY must then name `e.tx_id`:
// a bare name would pick the text output column and sort '100' before '97'.

// Times leave as ISO text formatted by the server (milliseconds truncated, as a Date holds them):
// parsing a timestamptz into a Date and printing it again cost the client about 3 µs per event.
const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const EVENT_COLUMNS = `global_position::text, tx_id::text, event_id::text, stream_id, stream_version, type, schema_version,
  data, metadata, to_char(occurred_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS occurred_at, to_char(recorded_at AT TIME ZONE 'UTC', ${ISO_UTC}) AS recorded_at, hash`;

/** The function asks for a rerun with dedupe, or its insert met an event id committed meanwhile. */
const retryWithDedupe = (e: unknown): boolean => {
  const { code, constraint } = e as { code?: string; constraint?: string };
  return code === RETRY_WITH_DEDUPE_SQLSTATE || (code === '23505' && constraint === EVENT_ID_CONSTRAINT);
};

/** Above every transaction id: the 'committed' horizon of readAll. */
const MAX_XID8 = '18446744073709551615';

export const encodeLogPosition = (tx: string, position: string | number): LogPosition => `${tx}:${position}`;

export const decodeLogPosition = (p: LogPosition | undefined): { tx: string; position: string } => {
  if (!p || p === START) return { tx: '0', position: '0' };
  const m = /^(\d+):(\d+)$/.exec(p);
  if (!m) throw new Error(`Not a PostgreSQL event-store log position: ${p}`);
  return { tx: m[1], position: m[2] };
};

/**
 * The default event store. Appends go through a group-commit writer: every append queued while a
 * flush is in flight joins the next flush, one transaction for all of them, so throughput grows
 * with concurrency instead of paying one commit (fsync) per append. Each append still succeeds or
 * fails on its own.
 *
 * Readers never skip: each event records its writing transaction id, and readAll only returns
 * events of transactions older than the oldest one still running, in (tx_id, position) order.
 */
export class PostgresEventStore implements EventStore {
  readonly schema: string;
  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly hasher: EventHasher;
  private readonly upcasters: UpcasterChain;
  private readonly maxFlushes: number;
  private readonly maxAppends: number;
  private readonly maxEvents: number;
  private readonly logger: Pick<Logger, 'warn'>;
  private readonly afterFlushXid?: (xid: string) => Promise<void> | void;

  private queue: PendingAppend[] = [];
  private activeFlushes = 0;
  /** Streams in a flush now running: their next appends wait, so one stream is in one flush at a time. */
  private readonly busyStreams = new Set<string>();
  private idleWaiters: (() => void)[] = [];
  private readonly appendListeners = new Set<() => void>();
  private closed = false;
  private readonly counters: GroupCommitStats = { flushes: 0, appends: 0, events: 0, deferrals: 0, staleHeads: 0, fallbacks: 0 };
  /** Stream heads last seen (LRU): hashes are computed in Node before the one round trip. */
  private readonly heads = new Map<string, CachedHead>();
  private readonly maxCachedHeads: number;

  constructor(options: PostgresEventStoreOptions) {
    this.schema = assertSchemaName(options.schema ?? 'es');
    if (options.pool) {
      this.pool = options.pool;
      this.ownsPool = false;
    } else {
      if (!options.connectionString) throw new Error('PostgresEventStore needs a connectionString or a pool');
      // A connection cut by the server must not crash the process; the next query reconnects.
      this.pool = survivePgConnectionErrors(new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 }), { warn: (o, m) => this.logger.warn(o, m) }, 'event-store');
      this.ownsPool = true;
    }
    this.hasher = new EventHasher(options.hmacKeys?.length ? options.hmacKeys : options.hmacKey);
    this.upcasters = new UpcasterChain(options.upcasters);
    this.maxFlushes = Math.max(1, options.maxConcurrentFlushes ?? 3);
    this.maxAppends = Math.max(1, options.maxAppendsPerFlush ?? 500);
    this.maxEvents = Math.max(1, options.maxEventsPerFlush ?? 10_000);
    this.maxCachedHeads = Math.max(1, options.maxCachedHeads ?? 10_000);
    this.logger = options.logger ?? { warn: () => undefined };
    this.afterFlushXid = options.afterFlushXid;
  }

  /** Creates the schema and tables if missing; safe to call from many processes at once. */
  async ensureSchema(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // Concurrent CREATE ... IF NOT EXISTS can still collide on the catalog: serialise them.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tpm-event-store:${this.schema}`]);
      await client.query(schemaSql(this.schema));
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  stats(): GroupCommitStats {
    return { ...this.counters };
  }

  /**
   * Calls `listener` after each commit that wrote events, so a follower of this process (the
   * relay) reads at once instead of on its next poll. Appends of other processes are not seen:
   * followers keep polling. Returns the unsubscribe function.
   */
  onAppended(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  private notifyAppended(): void {
    for (const listener of this.appendListeners) {
      try {
        listener();
      } catch (e) {
        this.logger.warn({ err: String(e) }, 'append listener failed');
      }
    }
  }

  // ---------------------------------------------------------------- append (group commit)

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) throw new Error('PostgresEventStore is closed');
    // An event without a version is written at its type's current one (the upcasters' last target).
    const prepared = prepareEvents(streamId, events, options, new Date(), (type) => this.upcasters.currentVersion(type));
    if (!prepared.length) {
      const version = await this.streamVersion(streamId);
      if (!expectedVersionHolds(options.expectedVersion, version)) throw new ConcurrencyConflict(streamId, options.expectedVersion, version);
      return { streamId, nextExpectedVersion: version, positions: [], duplicate: false };
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events: prepared, expected: options.expectedVersion, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.activeFlushes < this.maxFlushes && this.queue.length) {
      const batch = this.takeBatch();
      if (!batch.length) break;
      this.activeFlushes++;
      void this.flushAndSettle(batch).finally(() => {
        this.activeFlushes--;
        for (const a of batch) this.busyStreams.delete(a.streamId);
        this.pump();
        if (!this.activeFlushes && !this.queue.length) this.idleWaiters.splice(0).forEach((w) => w());
      });
    }
  }

  /** Takes queued appends in order, skipping streams another flush holds, within the flush bounds. */
  private takeBatch(): PendingAppend[] {
    const batch: PendingAppend[] = [];
    const rest: PendingAppend[] = [];
    let events = 0;
    for (const a of this.queue) {
      const fits = batch.length < this.maxAppends && (batch.length === 0 || events + a.events.length <= this.maxEvents);
      if (fits && !this.busyStreams.has(a.streamId)) {
        batch.push(a);
        events += a.events.length;
      } else {
        rest.push(a);
      }
    }
    this.queue = rest;
    for (const a of batch) this.busyStreams.add(a.streamId);
    return batch;
  }

  private async flushAndSettle(batch: PendingAppend[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.flush(batch);
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      // Something in the batch broke the whole transaction: retry alone so only the culprit fails.
      this.counters.fallbacks++;
      this.logger.warn({ appends: batch.length, err: String(error) }, 'group flush failed; retrying its appends one by one');
      outcomes = [];
      for (const a of batch) {
        try {
          outcomes.push(...(await this.flush([a])));
        } catch (e) {
          outcomes.push({ append: a, error: e });
        }
      }
    }
    const deferred: PendingAppend[] = [];
    for (const o of outcomes) {
      if ('deferred' in o) {
        deferred.push(o.append);
        if (o.stale) this.counters.staleHeads++;
        else this.counters.deferrals++;
      } else if ('error' in o) o.append.reject(o.error);
      else o.append.resolve(o.result);
    }
    if (deferred.length) {
      // Back to the front: they were queued before anything still waiting.
      this.queue.unshift(...deferred);
    }
  }

  /**
   * One transaction for the whole batch; returns each append's outcome, settled only after COMMIT.
   * One round trip: a single `append_flush_v2(…)` call in autocommit (ADRs 0020, 0028), or for a
   * lone append on a cached head one keyed statement (`appendOnHead`, ADR 0029). If some
   * event id is found already stored where none was expected, the function raises (or its insert
   * breaks the event id's unique constraint) and the flush reruns with `dedupe`, classifying stored
   * ids first (retries are rare).
   */
  private async flush(batch: PendingAppend[]): Promise<Outcome[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.flushOnce(batch, attempt > 0);
      } catch (e) {
        // Each rerun waits for the flushes it raced (their locks), so this settles quickly.
        if (!retryWithDedupe(e) || attempt >= 4) throw e;
      }
    }
  }

  private async flushOnce(batch: PendingAppend[], dedupe: boolean): Promise<Outcome[]> {
    const outcomes = new Map<PendingAppend, Outcome>();
    const sent: PendingAppend[] = [];
    const claimed = new Set<string>();
    for (const a of batch) {
      // The same ids twice in one flush (a retry racing its original): the next flush sees them stored.
      if (a.events.some((e) => claimed.has(e.eventId))) outcomes.set(a, { append: a, deferred: true });
      else {
        a.events.forEach((e) => claimed.add(e.eventId));
        sent.push(a);
      }
    }
    const streams = [...new Set(sent.map((a) => a.streamId))].sort();
    const indexOf = new Map(streams.map((id, i) => [id, i + 1]));
    // Hashes chain on the head this process last saw; the function checks it and says 'stale' if
    // it moved. Appends of one stream chain on each other, except one that would fail its check.
    const chain = new Map(streams.map((id) => [id, this.heads.get(id) ?? { version: 0, hash: GENESIS_HASH }]));
    // Short keys: the function reads them by name, and every event repeats them.
    const rows: FlushEventRow[] = [];
    const baseVersion: number[] = [];
    const baseHash: string[] = [];
    const lastHash: string[] = [];
    sent.forEach((a, i) => {
      const head = chain.get(a.streamId)!;
      baseVersion.push(head.version);
      baseHash.push(head.hash);
      let { version, hash } = head;
      for (const e of a.events) {
        const prev = hash;
        version++;
        hash = this.hasher.eventIn(prev, e, a.streamId, version);
        rows.push({ a: i + 1, o: rows.length + 1, v: version, t: e.type, s: e.schemaVersion, d: e.dataText, p: prev, h: hash });
      }
      lastHash.push(hash);
      if (expectedVersionHolds(a.expected, head.version)) chain.set(a.streamId, { version, hash });
    });

    if (sent.length === 1 && !dedupe && !this.afterFlushXid) {
      const a = sent[0];
      // One append on a head this process knows, whose expected version holds against it: the
      // single-writer case. A miss (the head moved, a later last writer) takes the function below.
      if (baseVersion[0] > 0 && expectedVersionHolds(a.expected, baseVersion[0])) {
        const done = await this.appendOnHead(a, baseVersion[0], baseHash[0], lastHash[0], rows);
        if (done) {
          outcomes.set(a, { append: a, result: done });
          return batch.map((b) => outcomes.get(b)!);
        }
      }
    }

    if (sent.length) {
      const call = {
        name: `tpm-append-flush-v2-${this.schema}`,
        text: `SELECT r_status, r_version, r_hash, r_ids, r_positions
                 FROM ${this.schema}.append_flush_v2($1::text[], $2::int[], $3::int[], $4::int[], $5::text[], $6::text[], $7::int[],
                                                     $8::text[], $9::timestamptz[], $10::text, $11::uuid[], $12::json, $13)`,
        values: [
          streams,
          sent.map((a) => indexOf.get(a.streamId)!),
          sent.map((a) => expectedCode(a.expected)),
          baseVersion,
          baseHash,
          lastHash,
          sent.map((a) => a.events.length),
          // prepareEvents gives every event of an append the same metadata and time: sent once per append.
          sent.map((a) => a.events[0].metadataText),
          sent.map((a) => a.events[0].occurredAt),
          this.hasher.keyId,
          sent.flatMap((a) => a.events.map((e) => e.eventId)),
          // One JSON document instead of ten arrays: JSON.stringify is native, pg's array escaping is not.
          JSON.stringify(rows),
          dedupe,
        ],
      };
      let result: FlushRow;
      if (this.afterFlushXid) {
        // The test seam needs a moment between the transaction id and the locks: an explicit transaction.
        const client = await this.pool.connect();
        try {
          await client.query('BEGIN');
          const { rows: xid } = await client.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
          await this.afterFlushXid(xid[0].xid);
          result = (await client.query<FlushRow>(call)).rows[0];
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK').catch(() => {});
          throw e;
        } finally {
          client.release();
        }
      } else {
        result = (await this.pool.query<FlushRow>(call)).rows[0];
      }

      const positionOf = new Map(result.r_ids.map((id, i) => [id, Number(result.r_positions[i])]));
      let written = 0;
      let events = 0;
      sent.forEach((a, i) => {
        const status = result.r_status[i];
        const version = result.r_version[i];
        this.rememberHead(a.streamId, { version, hash: result.r_hash[i] });
        const positions = () => a.events.map((e) => positionOf.get(e.eventId)!);
        switch (status) {
          case 'ok':
            written++;
            events += a.events.length;
            outcomes.set(a, { append: a, result: { streamId: a.streamId, nextExpectedVersion: version, positions: positions(), duplicate: false } });
            break;
          case 'duplicate':
            outcomes.set(a, { append: a, result: { streamId: a.streamId, nextExpectedVersion: version, positions: positions(), duplicate: true } });
            break;
          case 'duplicate-id':
            outcomes.set(a, { append: a, error: new DuplicateEventId(a.events.filter((e) => positionOf.has(e.eventId)).map((e) => e.eventId)) });
            break;
          case 'conflict':
            outcomes.set(a, { append: a, error: new ConcurrencyConflict(a.streamId, a.expected, version) });
            break;
          case 'deferred':
            outcomes.set(a, { append: a, deferred: true });
            break;
          case 'stale':
            outcomes.set(a, { append: a, deferred: true, stale: true });
            break;
          default:
            throw new Error(`append_flush_v2 returned an unknown outcome: ${status}`);
        }
      });
      this.recordFlush(written, events);
    }
    return batch.map((a) => outcomes.get(a)!);
  }

  /**
   * One append as one plain statement, no function (ADR 0029): a keyed UPDATE moves the head only
   * if it is still the one the hashes chain on (version and hash), no later transaction wrote the
   * stream last, and the expected version holds; the INSERT writes the events only if it did.
   * Under READ COMMITTED an UPDATE that waited for another flush's lock re-checks the row that
   * flush committed, so it judges the same head `append_flush_v2` would after its lock. Returns
   * null when it wrote nothing (the caller then runs the function, which classifies the append);
   * an event id already stored breaks `events_event_id_key` like the function's insert does.
   */
  private async appendOnHead(a: PendingAppend, baseVersion: number, baseHash: string, lastHash: string, rows: FlushEventRow[]): Promise<AppendResult | null> {
    const s = this.schema;
    const { rows: out } = await this.pool.query<{ version: number | null; positions: string[] | null }>({
      name: `tpm-append-on-head-${s}`,
      text: `WITH head AS (
               UPDATE ${s}.streams st SET version = st.version + $6::int, last_hash = $5, last_tx = pg_current_xact_id()
                WHERE st.stream_id = $1 AND st.version = $2::int AND coalesce(st.last_hash, '') = $3
                  AND (st.last_tx IS NULL OR st.last_tx <= pg_current_xact_id())
                  AND CASE $4::int WHEN -1 THEN true WHEN -2 THEN st.version = 0 WHEN -3 THEN st.version > 0 ELSE st.version = $4::int END
               RETURNING st.version),
             ins AS (
               INSERT INTO ${s}.events
                 (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, prev_hash, hash, key_id)
               SELECT ($10::uuid[])[e.o], $1, e.v, e.t, e.s, e.d, $7, $8::timestamptz, e.p, e.h, $9
                 FROM head, json_to_recordset($11::json) AS e(o int, v int, t text, s int, d text, p text, h text)
                ORDER BY e.o
               RETURNING global_position)
           SELECT (SELECT version FROM head) AS version, (SELECT array_agg(global_position::text ORDER BY global_position) FROM ins) AS positions`,
      values: [
        a.streamId,
        baseVersion,
        baseHash,
        expectedCode(a.expected),
        lastHash,
        a.events.length,
        a.events[0].metadataText,
        a.events[0].occurredAt,
        this.hasher.keyId,
        a.events.map((e) => e.eventId),
        JSON.stringify(rows),
      ],
    });
    const { version, positions } = out[0];
    if (version === null) return null;
    this.rememberHead(a.streamId, { version, hash: lastHash });
    this.recordFlush(1, a.events.length);
    return { streamId: a.streamId, nextExpectedVersion: version, positions: positions!.map(Number), duplicate: false };
  }

  /** Counts a committed flush and wakes this process's followers when it wrote something. */
  private recordFlush(appends: number, events: number): void {
    this.counters.flushes++;
    this.counters.appends += appends;
    this.counters.events += events;
    if (appends) this.notifyAppended();
  }

  /** Bounded: the cache is a hint (the function checks it), never a copy of the streams. */
  private rememberHead(streamId: string, head: CachedHead): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > this.maxCachedHeads) this.heads.delete(this.heads.keys().next().value!);
  }

  // ---------------------------------------------------------------- reads

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.schema}.events
        WHERE stream_id = $1 AND stream_version >= $2 AND ($3::int IS NULL OR stream_version <= $3)
          AND ($4::timestamptz IS NULL OR recorded_at <= $4)
        ORDER BY stream_version`,
      [streamId, options.fromVersion ?? 1, options.toVersion ?? null, options.asOf ? new Date(options.asOf).toISOString() : null],
    );
    // A read to the end (what a command does before it appends) tells the head its append chains on.
    const last = rows.at(-1);
    if (last && options.toVersion === undefined && !options.asOf) this.rememberHead(streamId, { version: last.stream_version, hash: last.hash });
    return rows.map((r) => this.toRecorded(r));
  }

  async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>(`SELECT version FROM ${this.schema}.streams WHERE stream_id = $1`, [streamId]);
    return rows[0]?.version ?? 0;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after ?? START;
    const { tx, position } = decodeLogPosition(after);
    const limit = Math.max(1, Math.min(options.limit ?? 1000, 10_000));
    const s = this.schema;
    // 'committed' reads whatever is committed now, for one-off scans that must see their own
    // writes; a follower that stores `next` must use the safe horizon or it could skip events.
    const everything = options.horizon === 'committed';
    if (!options.types?.length) {
      // Everything below the oldest running transaction is final: nothing can commit there later.
      const { rows } = await this.pool.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM ${s}.events e
          WHERE tx_id < ${everything ? `'${MAX_XID8}'::xid8` : 'pg_snapshot_xmin(pg_current_snapshot())'}
            AND (tx_id, global_position) > ($1::xid8, $2::bigint)
          ORDER BY e.tx_id, e.global_position LIMIT $3`,
        [tx, position, limit],
      );
      const events = rows.map((r) => this.toRecorded(r, true));
      return { events, next: events.at(-1)?.logPosition ?? after };
    }
    // With a filter, the position must still move past the events filtered out; both queries share
    // one horizon, taken first, so the tail cannot include a transaction the filtered read missed.
    const client = await this.pool.connect();
    try {
      const horizon: string = everything ? MAX_XID8 : (await client.query('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS h')).rows[0].h;
      const { rows } = await client.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM ${s}.events e
          WHERE tx_id < $4::xid8 AND (tx_id, global_position) > ($1::xid8, $2::bigint) AND type = ANY($5::text[])
          ORDER BY e.tx_id, e.global_position LIMIT $3`,
        [tx, position, limit, horizon, options.types],
      );
      const events = rows.map((r) => this.toRecorded(r, true));
      if (events.length === limit) return { events, next: events.at(-1)!.logPosition! };
      const tail = await client.query<{ tx_id: string; global_position: string }>(
        `SELECT tx_id::text, global_position::text FROM ${s}.events e
          WHERE tx_id < $3::xid8 AND (tx_id, global_position) > ($1::xid8, $2::bigint)
          ORDER BY e.tx_id DESC, e.global_position DESC LIMIT 1`,
        [tx, position, horizon],
      );
      const last = tail.rows[0];
      return { events, next: last ? encodeLogPosition(last.tx_id, last.global_position) : after };
    } finally {
      client.release();
    }
  }

  async aggregate<C, E, S>(
    streamId: string,
    decider: Pick<Decider<C, E, S>, 'evolve' | 'initialState'>,
    options?: ReadStreamOptions,
  ): Promise<{ state: S; version: number }> {
    const events = await this.readStream(streamId, options);
    // Deciders fold domain events ({ type, data }), upcast to the current schema.
    const state = events.reduce((st, e) => decider.evolve(st, { type: e.type, data: e.data } as E), decider.initialState());
    return { state, version: events.at(-1)?.streamVersion ?? 0 };
  }

  private toRecorded(r: EventRow, withLogPosition = false): RecordedEvent {
    const parsed = JSON.parse(r.data);
    const { schemaVersion, data } = this.upcasters.upcast(r.type, r.schema_version, parsed);
    if (schemaVersion === r.schema_version) rememberStoredJson(data, r.data);
    const event: RecordedEvent = {
      eventId: r.event_id,
      streamId: r.stream_id,
      streamVersion: r.stream_version,
      globalPosition: Number(r.global_position),
      type: r.type,
      schemaVersion,
      data,
      metadata: JSON.parse(r.metadata),
      occurredAt: r.occurred_at,
      recordedAt: r.recorded_at,
      hash: r.hash,
    };
    if (withLogPosition) event.logPosition = encodeLogPosition(r.tx_id, r.global_position);
    return event;
  }

  // ---------------------------------------------------------------- integrity

  /** Chains a checkpoint over the global log up to the safe horizon; null when nothing is new. */
  seal(): Promise<SealRecord | null> {
    return sealLog(this.pool, this.schema, this.hasher);
  }

  listSeals(options: { afterSealNo?: number; limit?: number } = {}): Promise<SealRecord[]> {
    return listSeals(this.pool, this.schema, options.afterSealNo ?? 0, options.limit ?? 10_000);
  }

  verify(options: VerifyOptions = {}): Promise<VerificationReport> {
    return verifyStore(this.pool, this.schema, this.hasher, options);
  }

  /** The hasher's keys, for tools that sign what they export (anchor files). */
  integrityHasher(): EventHasher {
    return this.hasher;
  }

  // ---------------------------------------------------------------- lifecycle

  /** Waits for queued appends to finish, then releases the pool (if the store created it). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.activeFlushes || this.queue.length) await new Promise<void>((r) => this.idleWaiters.push(r));
    if (this.ownsPool) await this.pool.end();
  }

  /** For tests and tools that need raw SQL on the same database. */
  async withClient<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  /** Events below the safe horizon (of `types` if given), counted on the server: see postgres-log-count.ts. */
  countEvents(options: { types?: string[] } = {}): Promise<number> {
    return countEvents(this.pool, this.schema, options);
  }
}
