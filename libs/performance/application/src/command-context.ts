import { randomUUID } from 'node:crypto';
import type { Actor } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';

/** Who asks and which request chain this belongs to; stored on every event the command writes. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  causationId?: string | null;
  /** W3C trace context of the incoming request. */
  traceparent?: string | null;
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
    events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, schemaVersion: 1 })),
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

/** Recognised by its stable code, so this layer needs no runtime import of a store implementation. */
export const isConcurrencyConflict = (error: unknown): boolean =>
  error instanceof Error && (error as { code?: unknown }).code === 'CONCURRENCY_CONFLICT';
