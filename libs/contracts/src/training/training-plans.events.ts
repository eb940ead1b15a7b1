import type { Contract } from '../envelope';

export interface TrainingPlanContent {
  objectives: string[];
  content: string;
  format: string[];
  timeline: { from: string; to: string };
  budget: number;
  currency: string;
  trainers: string[];
  audience: { level: 'management' | 'staff' | 'all'; description: string };
  programIds: string[];
}

export type TrainingPlanDrafted = Contract<
  'training.TrainingPlanDrafted',
  1,
  { planId: string; businessUnitId: string; period: string; version: 1; content: TrainingPlanContent; at: string }
>;
export type TrainingPlanSubmitted = Contract<'training.TrainingPlanSubmitted', 1, { planId: string; version: number; at: string }>;
export type TrainingPlanApproved = Contract<
  'training.TrainingPlanApproved',
  1,
  { planId: string; version: number; approvedBy: string; approverRole: 'executive' | 'hr'; budget: number; at: string }
>;
export type TrainingPlanRevised = Contract<
  'training.TrainingPlanRevised',
  1,
  { planId: string; version: number; previousVersion: number; reason: string; content: TrainingPlanContent; at: string }
>;
export type TrainingSpendRecorded = Contract<
  'training.TrainingSpendRecorded',
  1,
  { planId: string; spendId: string; amount: number; description: string; spentTotal: number; approvedBudget: number; at: string }
>;

export type TrainingPlanEvent = TrainingPlanDrafted | TrainingPlanSubmitted | TrainingPlanApproved | TrainingPlanRevised | TrainingSpendRecorded;
