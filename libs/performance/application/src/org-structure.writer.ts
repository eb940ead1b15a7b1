import { retryOnConflict } from '@tpm/event-store';

/**
 * The business-unit tree is one stream, because its rules (one root, no cycles, unique ids) span
 * every unit. Writers of it in one process queue here, one after the other, instead of racing on
 * the stream's version and losing N-1 of N attempts; writers in other replicas still race, and a
 * lost race re-reads and decides again (an If-Match still answers 412 against the new version).
 */
let tail: Promise<unknown> = Promise.resolve();

export function writeOrgStructure<T>(write: () => Promise<T>): Promise<T> {
  const run = tail.then(() => retryOnConflict(write, 8));
  // The queue moves on whatever this write's outcome: a refusal is the caller's, not the next writer's.
  tail = run.catch(() => undefined);
  return run;
}
