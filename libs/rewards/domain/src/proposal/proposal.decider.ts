import { assertNever, type Decider } from '@tpm/kernel';
import { stepsFor } from '../policy/policy.rules';
import { AdjustmentAfterApproval, AdjustmentOutOfRange, ApproverAlreadyApproved, ApproverRoleRequired, ProposalNotFound, ProposalNotOpen } from '../rewards.errors';
import type { ProposalCommand, ProposalEvent, ProposalState } from './proposal.events';

type Open = Extract<ProposalState, { approvals: unknown }>;

const openOrThrow = (s: ProposalState, proposalId: string): Open => {
  if (s.status === 'new') throw new ProposalNotFound(proposalId);
  if (s.status === 'ineligible' || (s.status !== 'proposed' && s.status !== 'in-approval')) throw new ProposalNotOpen(proposalId, s.status);
  return s;
};

/** The step waiting for a decision, and whether the caller may take it. */
const nextStep = (s: Open, roles: string[]) => {
  const step = s.steps[s.approvals.length];
  if (!roles.includes(step.role)) throw new ApproverRoleRequired(step.step, step.role);
  return step;
};

const decide = (cmd: ProposalCommand, s: ProposalState): ProposalEvent[] => {
  switch (cmd.type) {
    case 'ProposeReward':
      // One proposal per appraisal: a redelivered appraisal proposes nothing new.
      return s.status === 'new' ? [{ type: 'RewardProposed', data: cmd.data }] : [];
    case 'RecordIneligibility':
      return s.status === 'new' ? [{ type: 'EmployeeFoundIneligible', data: cmd.data }] : [];
    case 'AdjustProposal': {
      const d = cmd.data;
      const o = openOrThrow(s, d.proposalId);
      if (o.approvals.length) throw new AdjustmentAfterApproval(d.proposalId);
      if (d.amount < o.min || d.amount > o.max) throw new AdjustmentOutOfRange(d.amount, o.min, o.max);
      if (d.amount === o.amount) return [];
      // The chain follows the amount: a raise above a threshold adds its step.
      const steps = stepsFor(o.provenance.chain, d.amount);
      return [{ type: 'ProposalAdjusted', data: { proposalId: d.proposalId, employeeId: o.header.employeeId, amount: d.amount, previousAmount: o.amount, reason: d.reason, by: d.by, steps, at: d.at } }];
    }
    case 'ApproveProposal': {
      const d = cmd.data;
      const o = openOrThrow(s, d.proposalId);
      const step = nextStep(o, d.roles);
      // Segregation of duties: one person, one step.
      if (o.approvals.some((a) => a.by === d.by)) throw new ApproverAlreadyApproved(step.step);
      return [
        {
          type: 'RewardApproved',
          data: { proposalId: d.proposalId, employeeId: o.header.employeeId, businessUnitId: o.header.businessUnitId, policyId: o.provenance.policyId, step: step.step, role: step.role, by: d.by, amount: o.amount, final: o.approvals.length + 1 === o.steps.length, at: d.at },
        },
      ];
    }
    case 'RejectProposal': {
      const d = cmd.data;
      const o = openOrThrow(s, d.proposalId);
      const step = nextStep(o, d.roles);
      return [{ type: 'RewardRejected', data: { proposalId: d.proposalId, employeeId: o.header.employeeId, businessUnitId: o.header.businessUnitId, policyId: o.provenance.policyId, step: step.step, by: d.by, reason: d.reason, at: d.at } }];
    }
    case 'WithdrawProposal':
      // Only what is still undecided goes; an approved reward is the grant's to revoke.
      if (s.status !== 'proposed' && s.status !== 'in-approval') return [];
      return [{ type: 'ProposalWithdrawn', data: { proposalId: cmd.data.proposalId, employeeId: s.header.employeeId, reason: cmd.data.reason, at: cmd.data.at } }];
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: ProposalState, e: ProposalEvent): ProposalState => {
  switch (e.type) {
    case 'RewardProposed': {
      const { proposalId, appraisalId, cycleId, employeeId, businessUnitId } = e.data;
      return { status: 'proposed', header: { proposalId, appraisalId, cycleId, employeeId, businessUnitId }, amount: e.data.amount, min: e.data.min, max: e.data.max, steps: e.data.steps, provenance: e.data.provenance, dueOn: e.data.dueOn, approvals: [], adjustments: [] };
    }
    case 'EmployeeFoundIneligible': {
      const { proposalId, appraisalId, cycleId, employeeId, businessUnitId } = e.data;
      return { status: 'ineligible', header: { proposalId, appraisalId, cycleId, employeeId, businessUnitId }, reasons: e.data.reasons };
    }
    case 'ProposalAdjusted':
      return 'approvals' in s ? { ...s, amount: e.data.amount, steps: e.data.steps, adjustments: [...s.adjustments, { amount: e.data.amount, by: e.data.by, at: e.data.at }] } : s;
    case 'RewardApproved':
      return 'approvals' in s ? { ...s, status: e.data.final ? 'approved' : 'in-approval', approvals: [...s.approvals, { step: e.data.step, by: e.data.by, at: e.data.at }] } : s;
    case 'RewardRejected':
      return 'approvals' in s ? { ...s, status: 'rejected' } : s;
    case 'ProposalWithdrawn':
      return 'approvals' in s ? { ...s, status: 'withdrawn' } : s;
    default:
      return s;
  }
};

export const proposalDecider: Decider<ProposalCommand, ProposalEvent, ProposalState> = { decide, evolve, initialState: () => ({ status: 'new' }) };
