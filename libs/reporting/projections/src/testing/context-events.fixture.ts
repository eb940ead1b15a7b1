import { randomUUID } from 'node:crypto';
import type { ContextName, Envelope } from '@tpm/contracts';

export interface EnvelopeOptions {
  channel?: 'events' | 'log';
  businessUnitId?: string | null;
  correlationId?: string;
  causationId?: string | null;
  schemaVersion?: number;
  eventId?: string;
  occurredAt?: string;
}

/** Envelopes as a context's relay puts them on `<context>.events` (or `.log`), one stream version at a time. */
export function contextEvents(context: ContextName) {
  const versions = new Map<string, number>();
  let position = 0;
  return <D extends object>(type: string, streamId: string, data: D, o: EnvelopeOptions = {}): Envelope => {
    const streamVersion = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, streamVersion);
    const at = o.occurredAt ?? new Date().toISOString();
    return {
      eventId: o.eventId ?? randomUUID(),
      type: `${context}.${type}`,
      schemaVersion: o.schemaVersion ?? 1,
      context,
      streamId,
      streamVersion,
      position: ++position,
      occurredAt: at,
      recordedAt: at,
      actor: { subject: 'user:test', roles: ['hr'] },
      businessUnitId: o.businessUnitId ?? null,
      correlationId: o.correlationId ?? randomUUID(),
      causationId: o.causationId ?? null,
      traceparent: null,
      ...(o.channel ? { channel: o.channel } : {}),
      data: data as unknown as Envelope['data'],
    };
  };
}
