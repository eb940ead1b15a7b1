/**
 * Drops what the read model already holds: redelivery after a crash, a rebalance or a rebuild's
 * swap (which moves the checkpoint past the live runner) all show up as offsets below it.
 */
export function unseenMessages<M extends { offset: string }>(messages: M[], checkpoint: bigint | null): M[] {
  if (checkpoint === null) return messages;
  return messages.filter((m) => BigInt(m.offset) >= checkpoint);
}

/** The next offset to read after a batch; never behind what was stored before. */
export function nextCheckpoint(messages: { offset: string }[], checkpoint: bigint | null): bigint | null {
  const last = messages.length ? BigInt(messages[messages.length - 1].offset) + 1n : null;
  if (last === null) return checkpoint;
  if (checkpoint === null) return last;
  return last > checkpoint ? last : checkpoint;
}
