import type { Message } from '@tpm/kernel';
import type { PlanContent } from './plan.events';

export type DraftPlan = Message<'DraftPlan', { planId: string; businessUnitId: string; period: string; content: PlanContent; at: string }>;
export type SubmitPlan = Message<'SubmitPlan', { planId: string; at: string }>;
export type ApprovePlan = Message<'ApprovePlan', { planId: string; approvedBy: string; approverRoles: string[]; at: string }>;
export type RevisePlan = Message<'RevisePlan', { planId: string; reason: string; content: PlanContent; at: string }>;
export type RecordSpend = Message<'RecordSpend', { planId: string; spendId: string; amount: number; description: string; at: string }>;
export type PlanCommand = DraftPlan | SubmitPlan | ApprovePlan | RevisePlan | RecordSpend;
