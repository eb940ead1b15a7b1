import type { Message } from '@tpm/kernel';

export interface PlanContent {
  objectives: string[];
  content: string;
  /** Delivery formats, e.g. the methods of the programs it schedules. */
  format: string[];
  timeline: { from: string; to: string };
  budget: number;
  currency: string;
  trainers: string[];
  audience: { level: 'management' | 'staff' | 'all'; description: string };
  programIds: string[];
}

export type TrainingPlanDrafted = Message<
  'TrainingPlanDrafted',
  { planId: string; businessUnitId: string; period: string; version: 1; content: PlanContent; at: string }
>;
export type TrainingPlanSubmitted = Message<'TrainingPlanSubmitted', { planId: string; version: number; at: string }>;
export type TrainingPlanApproved = Message<
  'TrainingPlanApproved',
  { planId: string; version: number; approvedBy: string; approverRole: 'executive' | 'hr'; budget: number; at: string }
>;
/** A new draft version; the approved one before it stays in the history and keeps governing spend. */
export type TrainingPlanRevised = Message<'TrainingPlanRevised', { planId: string; version: number; previousVersion: number; reason: string; content: PlanContent; at: string }>;
export type TrainingSpendRecorded = Message<
  'TrainingSpendRecorded',
  { planId: string; spendId: string; amount: number; description: string; spentTotal: number; approvedBudget: number; at: string }
>;

export type PlanEvent = TrainingPlanDrafted | TrainingPlanSubmitted | TrainingPlanApproved | TrainingPlanRevised | TrainingSpendRecorded;
