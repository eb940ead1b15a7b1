import type { Message } from '@tpm/kernel';
import type { CycleStage } from '../appraisal-cycle/appraisal-cycle.events';

/** What the application read of the cycle and of the appraisal aggregate. */
export interface ResponseFacts {
  stage: CycleStage;
  /** The finalized band, or null while the appraisal is not final. */
  finalBand: string | null;
  bands: string[];
}
type Base = { cycleId: string; employeeId: string; facts: ResponseFacts; at: string };

/** `by` is the employee id of the person acting (null when they are no employee). */
export type AcknowledgeAppraisal = Message<'AcknowledgeAppraisal', Base & { by: string | null }>;
export type DisputeAppraisal = Message<'DisputeAppraisal', Base & { by: string | null; reason: string }>;
export type ResolveAppraisalDispute = Message<
  'ResolveAppraisalDispute',
  Base & { resolution: 'upheld' | 'amended'; toBand: string | null; note: string; resolvedBy: string }
>;

export type AppraisalResponseCommand = AcknowledgeAppraisal | DisputeAppraisal | ResolveAppraisalDispute;
