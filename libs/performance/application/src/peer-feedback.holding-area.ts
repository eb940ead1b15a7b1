import type { ReviewerStanding } from '@tpm/performance-domain';

/** One reviewer's vote on one appraisal: what the keyed hashes are computed over, never stored. */
export interface Ballot {
  cycleId: string;
  employeeId: string;
  reviewerId: string;
  /** The client's idempotency key: a retried request is recognised, not stored. */
  feedbackId: string;
}

/** A sealed anonymous entry as held until release. Both ids are random: fixed at sealing so that a resumed release appends the same events. */
export interface HeldEntry {
  eventId: string;
  feedbackId: string;
  employeeId: string;
  relation: 'peer' | 'upward';
  rating: number;
  comment: string;
}

export interface SealingSession {
  /** Whether this reviewer already sealed an entry on this appraisal (under the stage key; `no` when there is no key yet). */
  sealed(ballot: Ballot): Promise<ReviewerStanding['sealed']>;
  /** Holds the entry under HMAC(stage key, reviewer + appraisal); false when that hash is already held (a concurrent request won). */
  hold(ballot: Ballot, entry: HeldEntry): Promise<boolean>;
}

export interface ReleaseSession {
  held(): Promise<HeldEntry[]>;
  /** Deletes the held entries and the stage key, so the hashes can never be recomputed. Commits with the session. */
  destroy(): Promise<void>;
}

/**
 * Where anonymous feedback waits, outside the event log, until its cycle leaves review. Sealing
 * runs under a shared per-cycle lock and releasing under the exclusive one, so that no entry can be
 * sealed once a release has begun (the sealing reads the stage inside the lock).
 */
export interface AnonymousFeedbackHoldingArea {
  sealing<T>(cycleId: string, work: (session: SealingSession) => Promise<T>): Promise<T>;
  releasing<T>(cycleId: string, work: (session: ReleaseSession) => Promise<T>): Promise<T>;
  /** Cycles with held entries or a live stage key: what a restarted service still has to release. */
  cyclesHolding(): Promise<string[]>;
}
