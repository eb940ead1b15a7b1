import { createHash, randomUUID } from 'node:crypto';
import { DomainError, systemActor, type Actor, type Decider } from '@tpm/kernel';
import { activeTraceparent, continuing, inSpan, untraced } from '@tpm/tracing';
import type { EventStore } from './event-store';

/**
 * An HTTP `If-Match` bound to the stream the request's resource is (resolved at the edge from
 * the route, never from the header): the command writes only while that stream is still at a
 * version the caller read. `'*'` means "the stream exists".
 */
export interface IfMatch {
  streamId: string;
  /** Entity tags the caller holds (compared strongly: a weak `W/` tag never matches), or '*'. */
  tags: '*' | string[];
}

/**
 * The entity tag of a stream at a version: `"<16 hex of sha-256(stream id)>:<version>"`. Strong,
 * because `If-Match` compares strongly (RFC 9110 §13.1.1); it names the aggregate's state, not
 * the bytes of one representation. The stream hash makes a tag of one record useless for another.
 */
export const entityTag = (streamId: string, version: number): string =>
  `"${createHash('sha256').update(streamId).digest('hex').slice(0, 16)}:${version}"`;

/** The caller's `If-Match` no longer holds: the record changed since they read it. Nothing was written. */
export class PreconditionFailed extends DomainError {
  readonly code = 'PRECONDITION_FAILED';
  override readonly kind = 'precondition' as const;
  constructor(reason = 'The record changed since you read it: If-Match no longer holds. Read it again and retry.') {
    super(reason, { header: 'If-Match' });
  }
}

const holds = (ifMatch: IfMatch, version: number): boolean =>
  ifMatch.tags === '*' ? version > 0 : ifMatch.tags.includes(entityTag(ifMatch.streamId, version));

/** Preconditions this process already checked on their own stream and wrote under (per request object). */
const settled = new WeakSet<IfMatch>();

/** Who asks and which chain this belongs to; stored on every event the command writes. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  causationId?: string | null;
  traceparent?: string | null;
  /**
   * Stable event ids for reactions and deadlines: a redelivered message or a re-fired deadline
   * appends the same ids, and the store's idempotent append writes nothing twice.
   */
  eventIdFor?: (n: number) => string;
  /** The request's `If-Match`, checked by `execute` before any write of the command; absent = no check. */
  ifMatch?: IfMatch;
  /**
   * Nothing of any trace: the append records no span and stores no trace context, even under an
   * active span (anonymous feedback released during another request, ADR 0017).
   */
  untraced?: boolean;
}

export interface CommandResult {
  streamId: string;
  /** Version of the stream after the command (unchanged when nothing was appended). */
  version: number;
  /** Events appended; 0 when the command changed nothing (an idempotent repeat). */
  appended: number;
}

/** What `execute` hands back: the result a caller may publish, and what it decided on (for the handler only). */
export interface Executed<S, E> {
  result: CommandResult;
  /** The stream's state after the command. */
  state: S;
  events: E[];
}

/**
 * Load, decide, append at the loaded version: the one path a command takes.
 * Curried so that the command's literal types are checked against a decider already known.
 * `command` may read facts that depend on the state (awaited before the decision); `loaded` skips
 * the read when the caller has just read the stream (a bulk import): the append still expects that
 * version, so a writer in between makes it a conflict.
 *
 * With `context.ifMatch`: on the stream it names, the loaded version must match it (else
 * `PreconditionFailed`, before deciding); the append then expects that same version, so a writer
 * in between is a 409. On any other stream the command touches first (a session books its venue
 * before it is scheduled), the named stream's current version is checked before that write. Once
 * the named stream was checked and written, the rest of the command (a cancelled session releasing
 * its bookings) is not checked again.
 */
export const execute =
  <C, E extends { type: string; data: unknown }, S>(store: EventStore, streamId: string, decider: Decider<C, E, S>) =>
  async (
    command: (state: S) => C | Promise<C>,
    write: { context: CommandContext; at: string; businessUnitId: (state: S) => string | null; loaded?: { state: S; version: number } },
  ): Promise<Executed<S, E>> => {
    const ifMatch = write.context.ifMatch;
    const pending = ifMatch !== undefined && !settled.has(ifMatch);
    const named = pending && ifMatch.streamId === streamId;
    if (pending && !named && !holds(ifMatch, await store.streamVersion(ifMatch.streamId))) throw new PreconditionFailed();
    const { state, version } = write.loaded ?? (await store.aggregate(streamId, decider));
    if (named && !holds(ifMatch, version)) throw new PreconditionFailed();
    const events = decider.decide(await command(state), state);
    const result = await appendDecided(store, streamId, events, { expectedVersion: version, context: write.context, at: write.at, businessUnitId: write.businessUnitId(state) });
    if (named) settled.add(ifMatch);
    return { result, state: events.reduce(decider.evolve, state), events };
  };

/** Appends what a decider decided, at the version it decided on; nothing decided writes nothing. */
const appendDecided = async (
  store: EventStore,
  streamId: string,
  events: { type: string; data: unknown }[],
  write: { expectedVersion: number; context: CommandContext; at: string; businessUnitId: string | null },
): Promise<CommandResult> => {
  if (events.length === 0) return { streamId, version: write.expectedVersion, appended: 0 };
  const { context } = write;
  // Type names only: stream ids carry record ids, which stay out of the spans.
  const attributes = { 'tpm.event_types': [...new Set(events.map((e) => e.type))], 'tpm.event_count': events.length };
  const result = await inSpan('event-store append', { attributes }, () =>
    store.append(
      streamId,
      // No schema version: the store writes each type's current one (its upcaster chain knows it).
      events.map((e, n) => ({ eventId: context.eventIdFor?.(n) ?? randomUUID(), type: e.type, data: e.data })),
      {
        expectedVersion: write.expectedVersion,
        metadata: {
          actor: context.actor,
          businessUnitId: write.businessUnitId,
          correlationId: context.correlationId,
          causationId: context.causationId ?? null,
          // While tracing runs, this append's span: relay, consumers and projections continue from it.
          // Without tracing, what the command was given (the caller's header, the cause's traceparent).
          traceparent: context.untraced ? null : (activeTraceparent() ?? context.traceparent ?? null),
          occurredAt: write.at,
        },
      },
    ),
    context.untraced ? untraced() : continuing(context.traceparent),
  );
  return { streamId, version: result.nextExpectedVersion, appended: events.length };
};

/**
 * A UUID (version 5 layout) derived from its parts. A reaction names the events it appends
 * with ids derived from the consumed event, so a redelivered event re-appends the same ids
 * and the store's idempotent append writes nothing twice.
 */
export const deterministicUuid = (...parts: (string | number)[]): string => {
  const h = createHash('sha256').update(parts.join('\u0000')).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
};

/** The event a reaction answers: a Kafka envelope, or a stored event as `{ eventId, ...metadata }`. */
export interface Cause {
  eventId: string;
  correlationId: string;
  traceparent?: string | null;
}

/**
 * The context of a command a reaction issues: the consumer acts, the cause's correlation id is
 * kept and its event id becomes the causation id, so one chain can be followed across services.
 * Event ids derive from consumer, cause and purpose (one per command the reaction issues for the
 * same cause), so a redelivered cause appends the same ids and the store writes nothing twice.
 */
export const reactionContext = (cause: Cause, { consumer, purpose }: { consumer: string; purpose?: string }): CommandContext => ({
  actor: systemActor(consumer),
  correlationId: cause.correlationId,
  causationId: cause.eventId,
  traceparent: cause.traceparent ?? null,
  // Without a purpose the parts are those the inbox used before purposes existed: stored ids stay valid.
  eventIdFor: (n) => (purpose === undefined ? deterministicUuid(consumer, cause.eventId, n) : deterministicUuid(consumer, cause.eventId, purpose, n)),
});

/** Recognised by its stable code, so this layer needs no runtime import of a store implementation. */
export const isConcurrencyConflict = (error: unknown): boolean =>
  error instanceof Error && (error as { code?: unknown }).code === 'CONCURRENCY_CONFLICT';

/**
 * Re-decides on a fresh read when another writer got there first. Used where the loser should
 * get the business answer (a venue already booked: 422) instead of a bare conflict.
 */
export const retryOnConflict = async <T>(attempt: () => Promise<T>, attempts = 5): Promise<T> => {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (!isConcurrencyConflict(e) || i >= attempts) throw e;
    }
  }
};
