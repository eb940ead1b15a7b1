import type { Message } from '@tpm/kernel';
import type { PlanOpenedBy } from './improvement-plan.events';

export type OpenImprovementPlan = Message<
  'OpenImprovementPlan',
  { planId: string; employeeId: string; businessUnitId: string; appraisalId: string | null; openedBy: PlanOpenedBy; reason: string; startsOn: string; endsOn: string; at: string }
>;
export type AddPlanAction = Message<'AddPlanAction', { actionId: string; text: string; dueOn: string; support: string; at: string }>;
export type CompletePlanAction = Message<'CompletePlanAction', { actionId: string; evidence: { kind: 'manual' | 'training'; ref: string | null }; at: string }>;
export type ApproveImprovementPlan = Message<'ApproveImprovementPlan', { approvedBy: string; at: string }>;
export type AcknowledgeImprovementPlan = Message<'AcknowledgeImprovementPlan', { employeeId: string; at: string }>;
export type CheckPlanProgress = Message<'CheckPlanProgress', { checkId: string; onTrack: boolean; note: string; by: string; at: string }>;
export type ExtendImprovementPlan = Message<'ExtendImprovementPlan', { endsOn: string; reason: string; maxExtensions: number; at: string }>;
export type RecordPlanTrainingEvidence = Message<'RecordPlanTrainingEvidence', { programId: string; sessionId: string; competencies: string[]; completedAt: string; at: string }>;
export type MoveImprovementPlan = Message<'MoveImprovementPlan', { toBusinessUnitId: string; at: string }>;
export type CloseImprovementPlan = Message<'CloseImprovementPlan', { outcome: 'succeeded' | 'failed'; by: string; at: string }>;
export type CloseImprovementPlanForOffboarding = Message<'CloseImprovementPlanForOffboarding', { at: string }>;

export type ImprovementPlanCommand =
  | OpenImprovementPlan
  | AddPlanAction
  | CompletePlanAction
  | ApproveImprovementPlan
  | AcknowledgeImprovementPlan
  | CheckPlanProgress
  | ExtendImprovementPlan
  | RecordPlanTrainingEvidence
  | MoveImprovementPlan
  | CloseImprovementPlan
  | CloseImprovementPlanForOffboarding;
