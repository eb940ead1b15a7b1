import type { Message } from '@tpm/kernel';
import type { RatingBand } from '../scoring/rating-bands';

/** The stages, in their only order. */
export const CYCLE_STAGES = ['planning', 'execution', 'review', 'calibration', 'feedback', 'closed'] as const;
export type CycleStage = (typeof CYCLE_STAGES)[number];

export interface CycleParticipant {
  employeeId: string;
  businessUnitId: string;
}

/** `businessUnitId` null: the whole organization; otherwise that unit's subtree. */
export type AppraisalCycleOpened = Message<
  'AppraisalCycleOpened',
  { cycleId: string; period: string; businessUnitId: string | null; bands: RatingBand[]; rulesVersion: number; at: string }
>;
export type ParticipantsEnrolled = Message<'ParticipantsEnrolled', { cycleId: string; participants: CycleParticipant[]; at: string }>;
export type AppraisalStageAdvanced = Message<'AppraisalStageAdvanced', { cycleId: string; from: CycleStage; to: CycleStage; at: string }>;
export type AppraisalCycleClosed = Message<'AppraisalCycleClosed', { cycleId: string; period: string; at: string }>;

export type AppraisalCycleEvent = AppraisalCycleOpened | ParticipantsEnrolled | AppraisalStageAdvanced | AppraisalCycleClosed;
