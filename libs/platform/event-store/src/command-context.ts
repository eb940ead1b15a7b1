import { createHash, randomUUID } from 'node:crypto';
import { systemActor, type Actor, type Decider } from '@tpm/kernel';
import type { EventStore } from './event-store';

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
 */
export const execute =
  <C, E extends { type: string; data: unknown }, S>(store: EventStore, streamId: string, decider: Decider<C, E, S>) =>
  async (
    command: (state: S) => C | Promise<C>,
    write: { context: CommandContext; at: string; businessUnitId: (state: S) => string | null; loaded?: { state: S; version: number } },
  ): Promise<Executed<S, E>> => {
    const { state, version } = write.loaded ?? (await store.aggregate(streamId, decider));
    const events = decider.decide(await command(state), state);
    const result = await appendDecided(store, streamId, events, { expectedVersion: version, context: write.context, at: write.at, businessUnitId: write.businessUnitId(state) });
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
  const result = await store.append(
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
        traceparent: context.traceparent ?? null,
        occurredAt: write.at,
      },
    },
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
