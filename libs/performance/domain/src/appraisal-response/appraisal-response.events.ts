import type { Message } from '@tpm/kernel';

type Ids = { cycleId: string; employeeId: string };

export type AppraisalAcknowledged = Message<'AppraisalAcknowledged', Ids & { at: string }>;
export type AppraisalDisputed = Message<'AppraisalDisputed', Ids & { reason: string; at: string }>;
/** `upheld` keeps the band; `amended` replaces it with `toBand`. */
export type AppraisalDisputeResolved = Message<
  'AppraisalDisputeResolved',
  Ids & { resolution: 'upheld' | 'amended'; fromBand: string; toBand: string; note: string; resolvedBy: string; at: string }
>;

export type AppraisalResponseEvent = AppraisalAcknowledged | AppraisalDisputed | AppraisalDisputeResolved;
