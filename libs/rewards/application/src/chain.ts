import type { CommandContext, EventStore } from '@tpm/event-store';

/**
 * A person's decision on a record a reaction started (approving a proposal, paying a grant)
 * continues that record's chain: the correlation id of its first event, caused by its latest one.
 * So the audit trail follows AppraisalFinalized → RewardProposed → RewardApproved → RewardGranted
 * as one chain; the request's actor and trace stay the caller's.
 */
export const inChainOf = async (store: EventStore, streamId: string, context: CommandContext): Promise<CommandContext> => {
  const version = await store.streamVersion(streamId);
  if (version === 0) return context;
  const [first] = await store.readStream(streamId, { fromVersion: 1, toVersion: 1 });
  const [last] = version === 1 ? [first] : await store.readStream(streamId, { fromVersion: version, toVersion: version });
  return { ...context, correlationId: first.metadata.correlationId, causationId: last.eventId };
};
