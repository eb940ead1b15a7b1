import type { Message } from '@tpm/kernel';

/**
 * 360 feedback on one reviewee. Anonymous feedback stores no reviewer at all: it reaches the log
 * only at release, in one shuffled batch, under an anonymous actor with fresh ids and the release
 * time, so nobody (the reviewee, an admin, an auditor, a database reader) learns who wrote it.
 */
export type PeerFeedbackSubmitted = Message<
  'PeerFeedbackSubmitted',
  { cycleId: string; employeeId: string; feedbackId: string; relation: 'peer' | 'upward'; reviewerId: string | null; anonymous: boolean; rating: number; comment: string; at: string }
>;

/**
 * An anonymous entry accepted during review. It is never appended to the log: the application
 * files it in the holding area (what was said, no reviewer, no time) until the release turns it
 * into a PeerFeedbackSubmitted.
 */
export type AnonymousFeedbackSealed = Message<'AnonymousFeedbackSealed', { cycleId: string; employeeId: string; relation: 'peer' | 'upward'; rating: number; comment: string }>;

export type PeerFeedbackEvent = PeerFeedbackSubmitted | AnonymousFeedbackSealed;
