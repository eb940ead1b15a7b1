import type { ApprovalStep, ApproverRole } from '../policy/policy.rules';
import type { IneligibleReason, Provenance } from './proposal.calc';

export interface ProposalHeader {
  proposalId: string;
  appraisalId: string;
  cycleId: string;
  employeeId: string;
  businessUnitId: string;
}

export type ProposalEvent =
  | {
      type: 'RewardProposed';
      data: ProposalHeader & { kind: 'bonus'; amount: number; min: number; max: number; steps: ApprovalStep[]; provenance: Provenance; targetReached: boolean; dueOn: string; at: string };
    }
  | { type: 'EmployeeFoundIneligible'; data: ProposalHeader & { policyId: string; policyVersion: number; budgetUnitId: string; bandRank: number; targetReached: boolean; reasons: IneligibleReason[]; at: string } }
  | { type: 'ProposalAdjusted'; data: { proposalId: string; employeeId: string; amount: number; previousAmount: number; reason: string; by: string; steps: ApprovalStep[]; at: string } }
  | { type: 'RewardApproved'; data: { proposalId: string; employeeId: string; businessUnitId: string; policyId: string; step: string; role: ApproverRole; by: string; amount: number; final: boolean; at: string } }
  | { type: 'RewardRejected'; data: { proposalId: string; employeeId: string; businessUnitId: string; policyId: string; step: string; by: string; reason: string; at: string } }
  | { type: 'ProposalWithdrawn'; data: { proposalId: string; employeeId: string; reason: 'offboarded'; at: string } };

export type ProposalCommand =
  | { type: 'ProposeReward'; data: Extract<ProposalEvent, { type: 'RewardProposed' }>['data'] }
  | { type: 'RecordIneligibility'; data: Extract<ProposalEvent, { type: 'EmployeeFoundIneligible' }>['data'] }
  | { type: 'AdjustProposal'; data: { proposalId: string; amount: number; reason: string; by: string; at: string } }
  | { type: 'ApproveProposal'; data: { proposalId: string; by: string; roles: string[]; at: string } }
  | { type: 'RejectProposal'; data: { proposalId: string; by: string; roles: string[]; reason: string; at: string } }
  | { type: 'WithdrawProposal'; data: { proposalId: string; reason: 'offboarded'; at: string } };

export type ProposalStatus = 'proposed' | 'in-approval' | 'approved' | 'rejected' | 'withdrawn';

export type ProposalState =
  | { status: 'new' }
  | { status: 'ineligible'; header: ProposalHeader; reasons: IneligibleReason[] }
  | {
      status: ProposalStatus;
      header: ProposalHeader;
      amount: number;
      min: number;
      max: number;
      steps: ApprovalStep[];
      provenance: Provenance;
      dueOn: string;
      approvals: { step: string; by: string; at: string }[];
      adjustments: { amount: number; by: string; at: string }[];
    };
