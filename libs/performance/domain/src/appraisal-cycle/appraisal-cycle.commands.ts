import type { Message } from '@tpm/kernel';
import type { RatingBand } from '../scoring/rating-bands';
import type { CycleParticipant, CycleStage } from './appraisal-cycle.events';

export type OpenAppraisalCycle = Message<
  'OpenAppraisalCycle',
  { cycleId: string; period: string; businessUnitId: string | null; bands: RatingBand[]; rulesVersion: number; at: string }
>;
/**
 * The application lists who is in the cycle's scope and which of them the cycle already holds (read
 * at the version the append expects, so a concurrent enrolment is a conflict, never a duplicate);
 * the decider keeps the ones not yet enrolled, once each.
 */
export type EnrolParticipants = Message<'EnrolParticipants', { cycleId: string; participants: CycleParticipant[]; alreadyEnrolled: string[]; at: string }>;
export type AdvanceAppraisalStage = Message<'AdvanceAppraisalStage', { cycleId: string; to: CycleStage; at: string }>;

export type AppraisalCycleCommand = OpenAppraisalCycle | EnrolParticipants | AdvanceAppraisalStage;
