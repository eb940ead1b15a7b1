import type { Message } from '@tpm/kernel';

export type PlanOpenedBy = 'manager' | 'appraisal';
export type PlanOutcome = 'succeeded' | 'failed' | 'offboarded';

export interface PlanSubject {
  planId: string;
  employeeId: string;
  businessUnitId: string;
  /** The appraisal that opened it (or that a manager named). */
  appraisalId: string | null;
}

export type ImprovementPlanOpened = Message<'ImprovementPlanOpened', PlanSubject & { openedBy: PlanOpenedBy; reason: string; startsOn: string; endsOn: string; at: string }>;
export type PlanActionAdded = Message<'PlanActionAdded', PlanSubject & { actionId: string; text: string; dueOn: string; support: string; at: string }>;
export type PlanActionCompleted = Message<'PlanActionCompleted', PlanSubject & { actionId: string; evidence: { kind: 'manual' | 'training'; ref: string | null }; at: string }>;
export type ImprovementPlanApproved = Message<'ImprovementPlanApproved', PlanSubject & { approvedBy: string; at: string }>;
export type ImprovementPlanAcknowledged = Message<'ImprovementPlanAcknowledged', PlanSubject & { at: string }>;
export type PlanProgressChecked = Message<'PlanProgressChecked', PlanSubject & { checkId: string; onTrack: boolean; note: string; by: string; at: string }>;
export type ImprovementPlanExtended = Message<'ImprovementPlanExtended', PlanSubject & { fromEndsOn: string; endsOn: string; reason: string; extensions: number; at: string }>;
/** A completed training recorded on the plan: evidence for its actions and its review. */
export type PlanTrainingEvidenceRecorded = Message<'PlanTrainingEvidenceRecorded', PlanSubject & { programId: string; sessionId: string; competencies: string[]; completedAt: string; at: string }>;
export type ImprovementPlanMoved = Message<'ImprovementPlanMoved', PlanSubject & { fromBusinessUnitId: string; at: string }>;
export type ImprovementPlanClosed = Message<'ImprovementPlanClosed', PlanSubject & { outcome: PlanOutcome; extensions: number; by: string; at: string }>;

export type ImprovementPlanEvent =
  | ImprovementPlanOpened
  | PlanActionAdded
  | PlanActionCompleted
  | ImprovementPlanApproved
  | ImprovementPlanAcknowledged
  | PlanProgressChecked
  | ImprovementPlanExtended
  | PlanTrainingEvidenceRecorded
  | ImprovementPlanMoved
  | ImprovementPlanClosed;
