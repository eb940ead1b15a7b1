import type { Upcaster } from '@tpm/event-store';
import type { AppraisalFinalized } from '@tpm/performance-domain';

type FinalizedV1 = Omit<AppraisalFinalized['data'], 'potential'>;

/**
 * The performance store's upcasters: stored events of an old schema read as the current one, and
 * new events are written at the last version here. History is never rewritten.
 */
export const PERFORMANCE_UPCASTERS: Upcaster[] = [
  {
    // v1 predates the 9-box: the potential it was assessed with was not recorded, so it is unknown.
    type: 'AppraisalFinalized',
    fromVersion: 1,
    toVersion: 2,
    upcast: (data): AppraisalFinalized['data'] => ({ ...(data as FinalizedV1), potential: null }),
  },
];
