import type { Message } from '@tpm/kernel';

export const NEED_SOURCES = ['appraisal', 'manager-request', 'strategic-goal', 'self-request', 'coaching'] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];

export interface NeedAssessment {
  currentLevel: number;
  requiredLevel: number;
  /** requiredLevel − currentLevel. */
  gap: number;
  source: NeedSource;
  /** The appraisal, coaching difficulty or request that revealed the need. */
  sourceRef: string | null;
  strategicWeight: number;
  priority: number;
  priorityVersion: number;
}

export interface NeedSubject {
  needId: string;
  /** null for a need of the whole business unit. */
  employeeId: string | null;
  businessUnitId: string;
  competency: string;
}

export type TrainingNeedIdentified = Message<'TrainingNeedIdentified', NeedSubject & NeedAssessment & { at: string }>;
/** A later assessment of an open need changed its levels, weight or source. */
export type TrainingNeedReassessed = Message<'TrainingNeedReassessed', NeedSubject & NeedAssessment & { at: string }>;
export type TrainingNeedMet = Message<'TrainingNeedMet', NeedSubject & { by: 'assessment' | 'program'; ref: string | null; at: string }>;
export type TrainingNeedObsoleted = Message<'TrainingNeedObsoleted', NeedSubject & { reason: string; at: string }>;

export type NeedEvent = TrainingNeedIdentified | TrainingNeedReassessed | TrainingNeedMet | TrainingNeedObsoleted;
