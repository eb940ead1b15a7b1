import { randomUUID } from 'node:crypto';
import type { Actor, Decider } from '@tpm/kernel';
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

/** Appends what a decider decided, at the version it decided on; nothing decided writes nothing. */
export const appendDecided = async (
  store: EventStore,
  streamId: string,
  events: { type: string; data: unknown }[],
  write: { expectedVersion: number; context: CommandContext; at: string; businessUnitId: string | null },
): Promise<CommandResult> => {
  if (events.length === 0) return { streamId, version: write.expectedVersion, appended: 0 };
  const { context } = write;
  const result = await store.append(
    streamId,
    events.map((e, n) => ({ eventId: context.eventIdFor?.(n) ?? randomUUID(), type: e.type, data: e.data, schemaVersion: undefined })), // the store writes each type's current version
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
 * Load, decide, append at the loaded version: the one path a command takes.
 * Curried so that the command's literal types are checked against a decider already known.
 */
export const execute =
  <C, E extends { type: string; data: unknown }, S>(store: EventStore, streamId: string, decider: Decider<C, E, S>) =>
  async (
    command: (state: S) => C,
    write: { context: CommandContext; at: string; businessUnitId: (state: S) => string | null },
  ): Promise<CommandResult & { state: S; events: E[] }> => {
    const { state, version } = await store.aggregate(streamId, decider);
    const events = decider.decide(command(state), state);
    const result = await appendDecided(store, streamId, events, { expectedVersion: version, context: write.context, at: write.at, businessUnitId: write.businessUnitId(state) });
    return { ...result, state: events.reduce(decider.evolve, state), events };
  };

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
