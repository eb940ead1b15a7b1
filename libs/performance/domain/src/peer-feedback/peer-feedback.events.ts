import type { Message } from '@tpm/kernel';

/**
 * 360 feedback on one reviewee. Anonymous feedback stores no reviewer at all (and the application
 * appends it under an anonymous actor), so the reviewee can never learn who wrote it.
 */
export type PeerFeedbackSubmitted = Message<
  'PeerFeedbackSubmitted',
  { cycleId: string; employeeId: string; feedbackId: string; relation: 'peer' | 'upward'; reviewerId: string | null; anonymous: boolean; rating: number; comment: string; at: string }
>;
export type PeerFeedbackEvent = PeerFeedbackSubmitted;
