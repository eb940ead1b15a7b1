import type { Contract } from '../envelope';

export type TrainingNeedSource = 'appraisal' | 'manager-request' | 'strategic-goal' | 'self-request' | 'coaching';

interface NeedSubject {
  needId: string;
  /** null for a need of a whole business unit. */
  employeeId: string | null;
  businessUnitId: string;
  competency: string;
}
interface NeedAssessment {
  currentLevel: number;
  requiredLevel: number;
  gap: number;
  source: TrainingNeedSource;
  /** The appraisal, coaching difficulty or request that revealed it. */
  sourceRef: string | null;
  strategicWeight: number;
  /** needPriority(gap, strategicWeight, priorityVersion); v1 = gap × strategicWeight. */
  priority: number;
  priorityVersion: number;
}

export type TrainingNeedIdentified = Contract<'training.TrainingNeedIdentified', 1, NeedSubject & NeedAssessment & { at: string }>;
export type TrainingNeedReassessed = Contract<'training.TrainingNeedReassessed', 1, NeedSubject & NeedAssessment & { at: string }>;
export type TrainingNeedMet = Contract<'training.TrainingNeedMet', 1, NeedSubject & { by: 'assessment' | 'program'; ref: string | null; at: string }>;
export type TrainingNeedObsoleted = Contract<'training.TrainingNeedObsoleted', 1, NeedSubject & { reason: string; at: string }>;

export type TrainingNeedEvent = TrainingNeedIdentified | TrainingNeedReassessed | TrainingNeedMet | TrainingNeedObsoleted;
