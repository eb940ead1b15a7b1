import { contextFromTraceparent, SpanKind, SpanStatusCode, tracer, tracingStarted } from '@tpm/tracing';

/**
 * Wraps the relay's send of one batch, given each event's stored `traceparent`. While tracing runs, each trace in the batch (the events of
 * one command share one stored `traceparent`) gets a producer span under that stored context, from
 * the send to the broker's acknowledgement, so a trace shows when its events reached Kafka. The
 * messages keep the stored `traceparent` as their header: consumers continue the command's trace,
 * not the relay's. Events stored without a trace get no span. Off: the send alone.
 */
export async function publishTraced<T>(traceparents: readonly (string | null | undefined)[], logTopic: string, send: () => Promise<T>): Promise<T> {
  if (!tracingStarted()) return send();
  const counts = new Map<string, number>();
  for (const t of traceparents) if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  const spans = [...counts].map(([traceparent, count]) =>
    tracer().startSpan(
      `relay publish ${logTopic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.destination.name': logTopic, 'messaging.batch.message_count': count },
      },
      contextFromTraceparent(traceparent),
    ),
  );
  try {
    return await send();
  } catch (e) {
    for (const s of spans) s.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
    throw e;
  } finally {
    for (const s of spans) s.end();
  }
}
