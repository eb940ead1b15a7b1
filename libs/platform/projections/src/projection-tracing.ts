import { inSpan, originsOf, tracingStarted } from '@tpm/tracing';

/**
 * Runs one batch's transaction (read model writes and checkpoint) in a span. One trace in the
 * batch: the span is its child. Several: the span links to each (a span has one parent), so every
 * command's trace still reaches the apply that made it visible. `traceparents` is read only while
 * tracing runs.
 */
export function applyTraced<T>(feed: { name: string; source: 'kafka' | 'store'; size: number }, traceparents: () => (string | null | undefined)[], apply: () => Promise<T>): Promise<T> {
  // An empty chunk (only types it does not read went by) just moves the checkpoint: no span.
  if (!tracingStarted() || feed.size === 0) return apply();
  const { parent, links } = originsOf(traceparents());
  const attributes = { 'tpm.projection': feed.name, 'tpm.feed': feed.source, 'messaging.batch.message_count': feed.size };
  return inSpan(`projection apply ${feed.name}`, { attributes, links }, apply, parent);
}
