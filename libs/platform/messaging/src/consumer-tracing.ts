import type { IHeaders } from 'kafkajs';
import { contextFromHeaders, inSpan, SpanKind, tracingStarted } from '@tpm/tracing';

/**
 * Runs the handling of one consumed message (every attempt, and its dead-lettering) in a consumer
 * span whose parent is the message's `traceparent` header, so the reaction's own appends (their
 * events store this span's context) continue the trace of the command that caused them.
 */
export function consumeTraced(headers: IHeaders | undefined, at: { consumer: string; topic: string; partition: number; type: string }, handle: () => Promise<void>): Promise<void> {
  if (!tracingStarted()) return handle();
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': at.topic,
    'messaging.destination.partition.id': String(at.partition),
    'messaging.consumer.group.name': at.consumer,
    'tpm.event_type': at.type,
  };
  return inSpan(`process ${at.topic}`, { kind: SpanKind.CONSUMER, attributes }, handle, contextFromHeaders(headers as Record<string, unknown>));
}
