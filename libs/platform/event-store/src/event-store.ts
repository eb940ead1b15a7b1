import type { Actor, Decider } from '@tpm/kernel';

/**
 * The event-store contract. Two implementations honour it: PostgreSQL (the default, ./postgres)
 * and EventStoreDB/KurrentDB (./esdb). One contract test suite (./testing) runs against both.
 */

/** An event to append. `eventId` makes the append idempotent: a retry with the same ids is a no-op. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  type: Type;
  data: Data;
  /** Schema version of `data`; defaults to 1. */
  schemaVersion?: number;
}

/** Who, why and in which business unit: stored with every event of one append. */
export interface AppendMetadata {
  actor: Actor;
  businessUnitId?: string | null;
  correlationId: string;
  causationId?: string | null;
  /** W3C trace context of the request that wrote the event. */
  traceparent?: string | null;
  /** Business time of the fact; defaults to the time of the append. */
  occurredAt?: Date | string;
}

/**
 * Expected version of the stream before the append: a number (0 = the stream must not exist),
 * 'no-stream', 'stream-exists', or 'any' (no check).
 */
export type ExpectedVersion = number | 'no-stream' | 'stream-exists' | 'any';

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  metadata: AppendMetadata;
}

export interface AppendResult {
  streamId: string;
  /** The stream's version after the append (= number of events in it). */
  nextExpectedVersion: number;
  /** Global positions of the appended events, in order. */
  positions: number[];
  /** True when every event id was already stored: nothing new was written. */
  duplicate: boolean;
}

export interface StoredMetadata {
  actor: Actor;
  businessUnitId: string | null;
  correlationId: string;
  causationId: string | null;
  traceparent: string | null;
}

/**
 * The JSON text a store read an event's data from, keyed by the data object it parsed: a reader
 * that only passes the data on (the relay) can send the stored text instead of serialising the
 * object again. Set only when no upcaster ran, so the text is exactly that object; an object a
 * wrapper replaced (personal fields opened, an upcast) has no entry and is serialised as usual.
 * Valid while nobody mutates the object, which readers of a batch never do.
 */
const storedJson = new WeakMap<object, string>();

export function rememberStoredJson(data: unknown, json: string): void {
  if (typeof data === 'object' && data !== null) storedJson.set(data, json);
}

/** The stored JSON text of `data` when a store parsed it from that text unchanged; else undefined. */
export function storedJsonOf(data: unknown): string | undefined {
  return typeof data === 'object' && data !== null ? storedJson.get(data) : undefined;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  eventId: string;
  streamId: string;
  /** 1-based version of the event in its stream. */
  streamVersion: number;
  /** Position in the store's global log (unique, increasing, may have gaps). */
  globalPosition: number;
  type: Type;
  schemaVersion: number;
  data: Data;
  metadata: StoredMetadata;
  occurredAt: string;
  recordedAt: string;
  /** Hash of this event chained to the previous event of its stream (hex sha-256). */
  hash: string;
  /** Set by readAll: the position just after this event, for checkpointing mid-batch. */
  logPosition?: LogPosition;
}

export interface ReadStreamOptions {
  /** First version to return (1-based, inclusive); default 1. */
  fromVersion?: number;
  /** Last version to return (inclusive). */
  toVersion?: number;
  /** Only events recorded at or before this instant: the stream as the system knew it then. */
  asOf?: Date | string;
}

/**
 * A position in the global log that never skips a late-committing event. Opaque to callers:
 * store it as given and pass it back. `LogPosition.start` reads from the beginning.
 */
export type LogPosition = string;
export const START: LogPosition = 'start';

export interface ReadAllOptions {
  after?: LogPosition;
  limit?: number;
  /** Only these event types (the position still advances past others). */
  types?: string[];
  /**
   * 'safe' (default): only events no in-flight transaction can still precede; followers that
   * checkpoint `next` (relays, projections) must use it. 'committed': everything committed at
   * the time of the call, for one-off scans (queries) that must see their own writes at once;
   * never checkpoint its `next`.
   */
  horizon?: 'safe' | 'committed';
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Where the next read continues; equals `after` when nothing new is safely visible. */
  next: LogPosition;
}

export interface IntegrityProblem {
  kind:
    | 'event-hash-mismatch'
    | 'stream-version-gap'
    | 'stream-head-mismatch'
    | 'seal-hash-mismatch'
    | 'seal-count-mismatch'
    | 'seal-chain-broken'
    /** Hashed (or sealed) with a key this verifier does not hold: it cannot be checked. */
    | 'key-unavailable'
    /** A plain sha-256 hash or seal in a store verified with keys: recomputed by someone without the key. */
    | 'unkeyed-hash'
    /** A seal the anchor holds is not in the store (deleted, usually with its events). */
    | 'anchor-seal-missing'
    /** The store's seal differs from the anchored one (recomputed, or resealed after a cut). */
    | 'anchor-seal-mismatch'
    /** The anchor says more events existed up to its position than the store holds now. */
    | 'anchor-events-missing'
    /** The anchors themselves do not chain, or the anchor file's MAC does not match. */
    | 'anchor-invalid';
  streamId?: string;
  streamVersion?: number;
  globalPosition?: number;
  seal?: number;
  /** Key id involved, for key-unavailable and unkeyed-hash. */
  keyId?: string;
  detail: string;
}

/**
 * One chained seal over the global log, as stored and as anchored outside the store (Kafka
 * `<context>.seals`, an exported anchor file). Positions are opaque strings of the store.
 */
export interface SealRecord {
  sealNo: number;
  /** The last event the seal covers (the store's log position of it). */
  upto: string;
  /** Its global position (a number, for reports). */
  uptoPosition: number;
  /** Events in this seal's range. */
  eventCount: number;
  /** Events sealed by this seal and every one before it. */
  totalEvents: number;
  prevHash: string;
  hash: string;
  /** The HMAC key id the seal was made with ('' = plain sha-256). */
  keyId: string;
  sealedAt: string;
}

export interface VerificationReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  sealsChecked: number;
  /** Events past the last seal: covered by their stream chains only, until the next seal. */
  unsealedEvents: number;
  /** Anchored seals compared with the store (0 when verified without anchors). */
  anchorsChecked?: number;
  /** Events (and seals) made with keys the verifier does not hold, by key id. */
  uncheckable?: Record<string, number>;
  problems: IntegrityProblem[];
}

export interface VerifyOptions {
  onProgress?: (done: number, total: number) => void;
  /** Seals kept outside the store (exported file, Kafka topic): each must match the store's. */
  anchors?: SealRecord[];
}

export interface CountEventsOptions {
  /** Count only these types; all types when absent or empty. */
  types?: string[];
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Current version of a stream (0 when it does not exist). */
  streamVersion(streamId: string): Promise<number>;
  /** The global log in commit-safe order; see LogPosition. */
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  /**
   * How many events `readAll` from the start would return now (of `types` if given), counted by
   * the store itself: a progress total that costs no read of the log. Optional: a store without
   * it is counted by reading.
   */
  countEvents?(options?: CountEventsOptions): Promise<number>;
  /** Folds a stream through a decider; `version` is the expected version for the next append. */
  aggregate<C, E, S>(
    streamId: string,
    decider: Pick<Decider<C, E, S>, 'evolve' | 'initialState'>,
    options?: ReadStreamOptions,
  ): Promise<{ state: S; version: number }>;
  /** Recomputes every hash chain and seal (and compares with anchors if given); reports what was altered. */
  verify(options?: VerifyOptions): Promise<VerificationReport>;
  /**
   * Chains a seal over the log written since the last one; null when nothing is new (cheap then).
   * Both real stores have it; optional so test doubles need not.
   */
  seal?(): Promise<SealRecord | null>;
  /** The store's seals in order, after `afterSealNo` (for publishing them as anchors). */
  listSeals?(options?: { afterSealNo?: number; limit?: number }): Promise<SealRecord[]>;
  close(): Promise<void>;
}

/** Upgrades an old schema version of an event type to the current one when it is read. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  toVersion: number;
  upcast(data: unknown): unknown;
}
