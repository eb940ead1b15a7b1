import type { Message } from '@tpm/kernel';

/** A colleague (from any unit) put forward to give 360 feedback on one appraisal. */
export type ReviewerNominated = Message<'ReviewerNominated', { cycleId: string; employeeId: string; reviewerId: string; nominatedBy: string; at: string }>;
/** The nomination accepted: from now on the reviewer may give peer feedback on that appraisal. */
export type NominationApproved = Message<'NominationApproved', { cycleId: string; employeeId: string; reviewerId: string; approvedBy: string; at: string }>;

export type FeedbackNominationEvent = ReviewerNominated | NominationApproved;
