import type { Message } from '@tpm/kernel';
import type { CycleStage } from '../appraisal-cycle/appraisal-cycle.events';

type Appraisal = { cycleId: string; employeeId: string; stage: CycleStage; at: string };

export type NominateReviewer = Message<
  'NominateReviewer',
  Appraisal & {
    reviewerId: string;
    /** The employee the caller is, or null when the token names none. */
    nominatedBy: string | null;
    /** The reviewee's manager, read from the org. */
    managerId: string | null;
  }
>;

export type ApproveNomination = Message<
  'ApproveNomination',
  Appraisal & {
    reviewerId: string;
    /** The employee the caller is, or null when the token names none. */
    approvedBy: string | null;
    /** Who recorded the approval when no employee did (an HR account): kept on the event. */
    approvedBySubject: string;
    managerId: string | null;
    byHr: boolean;
  }
>;

export type FeedbackNominationCommand = NominateReviewer | ApproveNomination;
