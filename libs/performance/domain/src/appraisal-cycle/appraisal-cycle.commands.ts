import type { Message } from '@tpm/kernel';
import type { RatingBand } from '../scoring/rating-bands';
import type { CycleParticipant, CycleStage } from './appraisal-cycle.events';

export type OpenAppraisalCycle = Message<
  'OpenAppraisalCycle',
  { cycleId: string; period: string; businessUnitId: string | null; bands: RatingBand[]; rulesVersion: number; at: string }
>;
/** The application lists who is in the cycle's scope; the decider keeps the ones not yet enrolled. */
export type EnrolParticipants = Message<'EnrolParticipants', { cycleId: string; participants: CycleParticipant[]; at: string }>;
export type AdvanceAppraisalStage = Message<'AdvanceAppraisalStage', { cycleId: string; to: CycleStage; at: string }>;

export type AppraisalCycleCommand = OpenAppraisalCycle | EnrolParticipants | AdvanceAppraisalStage;
