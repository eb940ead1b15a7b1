import { assertNever, type Decider } from '@tpm/kernel';
import type { PlanCommand } from './plan.commands';
import { InvalidPlan, PlanAlreadyDrafted, PlanApproverNotAllowed, PlanBudgetExceeded, PlanInWrongStatus, PlanNotFound } from './plan.errors';
import type { PlanContent, PlanEvent } from './plan.events';

export interface PlanVersion {
  version: number;
  content: PlanContent;
  approvedBy: string | null;
}

/** Draft → Submitted → Approved → (Revised: a new draft version) → Submitted → Approved… */
export type Plan =
  | { status: 'new' }
  | {
      status: 'draft' | 'submitted' | 'approved';
      planId: string;
      businessUnitId: string;
      period: string;
      version: number;
      versions: PlanVersion[];
      /** Budget of the latest approved version; spend is tracked against it. */
      approvedBudget: number | null;
      spent: number;
      spendIds: string[];
    };

const validate = (c: PlanContent) => {
  if (!(Date.parse(c.timeline.to) >= Date.parse(c.timeline.from))) throw new InvalidPlan('The timeline must end after it starts');
  if (c.budget < 0) throw new InvalidPlan('The budget cannot be negative');
  if (!c.objectives.length) throw new InvalidPlan('A plan states at least one objective');
};

const decide = (cmd: PlanCommand, s: Plan): PlanEvent[] => {
  if (cmd.type === 'DraftPlan') {
    const { planId, businessUnitId, period, content, at } = cmd.data;
    if (s.status !== 'new') throw new PlanAlreadyDrafted(planId);
    validate(content);
    return [{ type: 'TrainingPlanDrafted', data: { planId, businessUnitId, period, version: 1, content, at } }];
  }
  if (s.status === 'new') throw new PlanNotFound(cmd.data.planId);
  const { planId, at } = cmd.data;
  switch (cmd.type) {
    case 'SubmitPlan':
      if (s.status === 'submitted') return [];
      if (s.status !== 'draft') throw new PlanInWrongStatus(planId, s.status, 'draft');
      return [{ type: 'TrainingPlanSubmitted', data: { planId, version: s.version, at } }];
    case 'ApprovePlan': {
      if (s.status === 'approved') return [];
      if (s.status !== 'submitted') throw new PlanInWrongStatus(planId, s.status, 'submitted');
      const role = cmd.data.approverRoles.includes('executive') ? 'executive' : cmd.data.approverRoles.includes('hr') ? 'hr' : null;
      if (!role) throw new PlanApproverNotAllowed(cmd.data.approvedBy);
      const budget = s.versions[s.versions.length - 1].content.budget;
      return [{ type: 'TrainingPlanApproved', data: { planId, version: s.version, approvedBy: cmd.data.approvedBy, approverRole: role, budget, at } }];
    }
    case 'RevisePlan':
      if (s.status !== 'approved') throw new PlanInWrongStatus(planId, s.status, 'approved');
      validate(cmd.data.content);
      return [{ type: 'TrainingPlanRevised', data: { planId, version: s.version + 1, previousVersion: s.version, reason: cmd.data.reason, content: cmd.data.content, at } }];
    case 'RecordSpend': {
      const { spendId, amount, description } = cmd.data;
      if (s.spendIds.includes(spendId)) return [];
      if (s.approvedBudget === null) throw new PlanInWrongStatus(planId, s.status, 'approved at least once');
      if (!(amount > 0)) throw new InvalidPlan('A spend is a positive amount');
      if (s.spent + amount > s.approvedBudget) throw new PlanBudgetExceeded(planId, s.spent, amount, s.approvedBudget);
      return [{ type: 'TrainingSpendRecorded', data: { planId, spendId, amount, description, spentTotal: s.spent + amount, approvedBudget: s.approvedBudget, at } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: Plan, e: PlanEvent): Plan => {
  if (e.type === 'TrainingPlanDrafted') {
    const { planId, businessUnitId, period, content } = e.data;
    return { status: 'draft', planId, businessUnitId, period, version: 1, versions: [{ version: 1, content, approvedBy: null }], approvedBudget: null, spent: 0, spendIds: [] };
  }
  if (s.status === 'new') return s;
  switch (e.type) {
    case 'TrainingPlanSubmitted':
      return { ...s, status: 'submitted' };
    case 'TrainingPlanApproved':
      return {
        ...s,
        status: 'approved',
        approvedBudget: e.data.budget,
        versions: s.versions.map((v) => (v.version === e.data.version ? { ...v, approvedBy: e.data.approvedBy } : v)),
      };
    case 'TrainingPlanRevised':
      return { ...s, status: 'draft', version: e.data.version, versions: [...s.versions, { version: e.data.version, content: e.data.content, approvedBy: null }] };
    case 'TrainingSpendRecorded':
      return { ...s, spent: e.data.spentTotal, spendIds: [...s.spendIds, e.data.spendId] };
    default:
      return assertNever(e);
  }
};

export const planDecider: Decider<PlanCommand, PlanEvent, Plan> = { decide, evolve, initialState: (): Plan => ({ status: 'new' }) };
