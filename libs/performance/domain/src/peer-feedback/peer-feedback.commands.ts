import type { Message } from '@tpm/kernel';
import type { CycleStage } from '../appraisal-cycle/appraisal-cycle.events';

export type SubmitPeerFeedback = Message<
  'SubmitPeerFeedback',
  {
    cycleId: string;
    employeeId: string;
    feedbackId: string;
    stage: CycleStage;
    relation: 'peer' | 'upward';
    reviewerId: string | null;
    anonymous: boolean;
    rating: number;
    comment: string;
    at: string;
  }
>;
export type PeerFeedbackCommand = SubmitPeerFeedback;
