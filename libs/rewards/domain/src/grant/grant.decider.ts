import { assertNever, type Decider } from '@tpm/kernel';
import { GrantAlreadyRevoked, GrantNotFound, GrantNotPayable, PaymentBeforeGrant, PaymentInFuture } from '../rewards.errors';

export interface GrantTerms {
  grantId: string;
  proposalId: string;
  employeeId: string;
  businessUnitId: string;
  budgetUnitId: string;
  policyId: string;
  cycleId: string;
  kind: 'bonus';
  amount: number;
  currency: string;
  dueOn: string;
}

export type GrantEvent =
  | { type: 'RewardGranted'; data: GrantTerms & { at: string } }
  | { type: 'RewardPaid'; data: { grantId: string; employeeId: string; businessUnitId: string; policyId: string; amount: number; paidOn: string; onTime: boolean; at: string } }
  | { type: 'RewardRevoked'; data: { grantId: string; proposalId: string; employeeId: string; businessUnitId: string; budgetUnitId: string; cycleId: string; policyId: string; reason: string; at: string } }
  | { type: 'GrantFlaggedLate'; data: { grantId: string; employeeId: string; businessUnitId: string; dueOn: string; at: string } };

export type GrantCommand =
  | { type: 'GrantReward'; data: GrantTerms & { at: string } }
  | { type: 'PayReward'; data: { grantId: string; paidOn: string; at: string } }
  | { type: 'RevokeReward'; data: { grantId: string; reason: string; at: string } }
  | { type: 'FlagLate'; data: { grantId: string; at: string } };

export type GrantState =
  | { status: 'new' }
  | { status: 'granted' | 'paid' | 'revoked'; terms: GrantTerms; grantedAt: string; paidOn: string | null; onTime: boolean | null; flaggedLate: boolean };

const decide = (cmd: GrantCommand, s: GrantState): GrantEvent[] => {
  switch (cmd.type) {
    case 'GrantReward':
      return s.status === 'new' ? [{ type: 'RewardGranted', data: cmd.data }] : [];
    case 'PayReward': {
      const d = cmd.data;
      if (s.status === 'new') throw new GrantNotFound(d.grantId);
      if (s.status === 'paid' && s.paidOn === d.paidOn) return [];
      if (s.status !== 'granted') throw new GrantNotPayable(d.grantId, s.status);
      if (d.paidOn < s.grantedAt.slice(0, 10)) throw new PaymentBeforeGrant(d.paidOn, s.grantedAt.slice(0, 10));
      // On-time figures would be forged by a promise dated ahead: only a payment made is recorded.
      if (d.paidOn > d.at.slice(0, 10)) throw new PaymentInFuture(d.paidOn, d.at.slice(0, 10));
      const t = s.terms;
      return [{ type: 'RewardPaid', data: { grantId: t.grantId, employeeId: t.employeeId, businessUnitId: t.businessUnitId, policyId: t.policyId, amount: t.amount, paidOn: d.paidOn, onTime: d.paidOn <= t.dueOn, at: d.at } }];
    }
    case 'RevokeReward': {
      const d = cmd.data;
      if (s.status === 'new') throw new GrantNotFound(d.grantId);
      if (s.status === 'revoked') throw new GrantAlreadyRevoked(d.grantId);
      const t = s.terms;
      return [{ type: 'RewardRevoked', data: { grantId: t.grantId, proposalId: t.proposalId, employeeId: t.employeeId, businessUnitId: t.businessUnitId, budgetUnitId: t.budgetUnitId, cycleId: t.cycleId, policyId: t.policyId, reason: d.reason, at: d.at } }];
    }
    case 'FlagLate':
      // Only a grant still unpaid past its due date is late; a paid or revoked one says nothing.
      if (s.status !== 'granted' || s.flaggedLate || cmd.data.at.slice(0, 10) <= s.terms.dueOn) return [];
      return [{ type: 'GrantFlaggedLate', data: { grantId: s.terms.grantId, employeeId: s.terms.employeeId, businessUnitId: s.terms.businessUnitId, dueOn: s.terms.dueOn, at: cmd.data.at } }];
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: GrantState, e: GrantEvent): GrantState => {
  switch (e.type) {
    case 'RewardGranted': {
      const { at, ...terms } = e.data;
      return { status: 'granted', terms, grantedAt: at, paidOn: null, onTime: null, flaggedLate: false };
    }
    case 'RewardPaid':
      return s.status === 'new' ? s : { ...s, status: 'paid', paidOn: e.data.paidOn, onTime: e.data.onTime };
    case 'RewardRevoked':
      return s.status === 'new' ? s : { ...s, status: 'revoked' };
    case 'GrantFlaggedLate':
      return s.status === 'new' ? s : { ...s, flaggedLate: true };
    default:
      return s;
  }
};

export const grantDecider: Decider<GrantCommand, GrantEvent, GrantState> = { decide, evolve, initialState: () => ({ status: 'new' }) };
