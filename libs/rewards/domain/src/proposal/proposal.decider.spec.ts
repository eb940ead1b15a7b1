import { deciderSpec } from '@tpm/kernel/testing';
import { stepsFor } from '../policy/policy.rules';
import { AdjustmentAfterApproval, AdjustmentOutOfRange, ApproverAlreadyApproved, ApproverRoleRequired, ProposalNotFound, ProposalNotOpen } from '../rewards.errors';
import { rulesFixture } from '../testing.spec-helper';
import { proposalDecider } from './proposal.decider';
import type { ProposalCommand, ProposalEvent } from './proposal.events';

const given = deciderSpec(proposalDecider);
const at = '2028-01-16T10:00:00.000Z';
const chain = rulesFixture().approvalChain;
const header = { proposalId: 'p1', appraisalId: 'ap-1', cycleId: 'C-2027', employeeId: 'ana', businessUnitId: 'BU-SALES' };
const provenance = { policyId: 'pol-1', policyVersion: 1, budgetUnitId: 'BU-ROOT', band: 'exceeds', bandRank: 3, bonusPercent: 10, basePay: 60_000, currency: 'EUR', proration: 1, goalsMissed: false, withheld: false, chain };
const proposedData = (amount = 6_000) => ({ ...header, kind: 'bonus' as const, amount, min: 4_800, max: 9_000, steps: stepsFor(chain, amount), provenance, targetReached: true, dueOn: '2028-03-31', at });
const proposed = (amount = 6_000): ProposalEvent => ({ type: 'RewardProposed', data: proposedData(amount) });
const propose = (): ProposalCommand => ({ type: 'ProposeReward', data: proposedData() });
const adjust = (amount: number): ProposalCommand => ({ type: 'AdjustProposal', data: { proposalId: 'p1', amount, reason: 'closed the key account', by: 'mgr-1', at } });
const approve = (by: string, role: string): ProposalCommand => ({ type: 'ApproveProposal', data: { proposalId: 'p1', by, roles: [role], at } });
const approved = (step: string, role: 'manager' | 'hr' | 'executive', by: string, final = false, amount = 6_000): ProposalEvent => ({
  type: 'RewardApproved',
  data: { proposalId: 'p1', employeeId: 'ana', businessUnitId: 'BU-SALES', policyId: 'pol-1', step, role, by, amount, final, at },
});
const reject = (role: string): ProposalCommand => ({ type: 'RejectProposal', data: { proposalId: 'p1', by: 'hr-1', roles: [role], reason: 'over the guideline', at } });
const withdraw = (): ProposalCommand => ({ type: 'WithdrawProposal', data: { proposalId: 'p1', reason: 'offboarded', at } });

describe('ProposeReward', () => {
  it('proposes once per appraisal', () => given([]).when(propose()).then([proposed()]));
  it('proposes nothing for an appraisal already proposed on', () => given([proposed()]).when(propose()).then([]));
});

describe('AdjustProposal', () => {
  it('adjusts within the policy range, with the reason, and the chain follows the new amount', () =>
    given([proposed()]).when(adjust(4_900)).then([{ type: 'ProposalAdjusted', data: { proposalId: 'p1', employeeId: 'ana', amount: 4_900, previousAmount: 6_000, reason: 'closed the key account', by: 'mgr-1', steps: stepsFor(chain, 4_900), at } }]));
  it('refuses an amount outside the range', () => given([proposed()]).when(adjust(9_001)).thenThrows(AdjustmentOutOfRange, /4800-9000/));
  it('refuses to adjust once the chain has started', () => given([proposed(), approved('manager', 'manager', 'mgr-1')]).when(adjust(5_000)).thenThrows(AdjustmentAfterApproval));
  it('refuses to adjust an unknown proposal', () => given([]).when(adjust(5_000)).thenThrows(ProposalNotFound));
});

describe('ApproveProposal', () => {
  it('records each step with who and when, and the last one as final', () =>
    given([proposed(), approved('manager', 'manager', 'mgr-1'), approved('hr', 'hr', 'hr-1')]).when(approve('ex-1', 'executive')).then([approved('executive', 'executive', 'ex-1', true)]));
  it('makes the only step final for an amount under every threshold', () => given([proposed(1_500)]).when(approve('mgr-1', 'manager')).then([approved('manager', 'manager', 'mgr-1', true, 1_500)]));
  it('refuses a caller whose role is not the next step’s', () => given([proposed(), approved('manager', 'manager', 'mgr-1')]).when(approve('ex-1', 'executive')).thenThrows(ApproverRoleRequired, /hr/));
  it('refuses the same person approving two steps', () => given([proposed(), approved('manager', 'manager', 'mgr-1')]).when({ type: 'ApproveProposal', data: { proposalId: 'p1', by: 'mgr-1', roles: ['manager', 'hr'], at } }).thenThrows(ApproverAlreadyApproved));
  it('refuses a proposal already approved', () => given([proposed(1_500), approved('manager', 'manager', 'mgr-1', true, 1_500)]).when(approve('hr-1', 'hr')).thenThrows(ProposalNotOpen));
});

describe('RejectProposal', () => {
  it('rejects at the step that is waiting, with its reason', () =>
    given([proposed(), approved('manager', 'manager', 'mgr-1')]).when(reject('hr')).then([{ type: 'RewardRejected', data: { proposalId: 'p1', employeeId: 'ana', businessUnitId: 'BU-SALES', policyId: 'pol-1', step: 'hr', by: 'hr-1', reason: 'over the guideline', at } }]));
  it('refuses a rejection by a role the waiting step is not for', () => given([proposed()]).when(reject('hr')).thenThrows(ApproverRoleRequired));
  it('refuses to approve what was rejected', () => given([proposed(), { type: 'RewardRejected', data: { proposalId: 'p1', employeeId: 'ana', businessUnitId: 'BU-SALES', policyId: 'pol-1', step: 'manager', by: 'mgr-1', reason: 'x', at } }]).when(approve('mgr-2', 'manager')).thenThrows(ProposalNotOpen));
});

describe('WithdrawProposal', () => {
  it('withdraws an open proposal of an offboarded employee', () => given([proposed(), approved('manager', 'manager', 'mgr-1')]).when(withdraw()).then([{ type: 'ProposalWithdrawn', data: { proposalId: 'p1', employeeId: 'ana', reason: 'offboarded', at } }]));
  it('leaves a decided proposal alone', () => given([proposed(1_500), approved('manager', 'manager', 'mgr-1', true, 1_500)]).when(withdraw()).then([]));
});
