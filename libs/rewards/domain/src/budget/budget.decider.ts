import { assertNever, type Decider } from '@tpm/kernel';
import { BudgetCapExceeded } from '../rewards.errors';

/**
 * A unit's budget in one cycle: one stream every final approval appends its reservation to, at
 * the version it read. Two approvals racing for the last of the budget cannot both commit: the
 * second append finds a newer version, re-reads and is refused (ADR 0023).
 */
export type BudgetEvent =
  | { type: 'BudgetReserved'; data: { budgetUnitId: string; cycleId: string; proposalId: string; amount: number; cap: number; committed: number; at: string } }
  | { type: 'BudgetReleased'; data: { budgetUnitId: string; cycleId: string; proposalId: string; amount: number; reason: 'rejected' | 'withdrawn' | 'revoked' | 'approval-not-recorded'; committed: number; at: string } };

export type BudgetCommand =
  | { type: 'ReserveBudget'; data: { budgetUnitId: string; cycleId: string; proposalId: string; amount: number; cap: number; at: string } }
  | { type: 'ReleaseBudget'; data: { budgetUnitId: string; cycleId: string; proposalId: string; reason: Extract<BudgetEvent, { type: 'BudgetReleased' }>['data']['reason']; at: string } };

export interface BudgetState {
  reservations: Record<string, number>;
  committed: number;
  cap: number | null;
}

const cents = (n: number) => Math.round(n * 100) / 100;

const decide = (cmd: BudgetCommand, s: BudgetState): BudgetEvent[] => {
  switch (cmd.type) {
    case 'ReserveBudget': {
      const d = cmd.data;
      // A retried approval finds its reservation already there.
      if (d.proposalId in s.reservations) return [];
      if (s.committed + d.amount > d.cap) throw new BudgetCapExceeded(d.budgetUnitId, d.cycleId, d.cap, s.committed, d.amount);
      return [{ type: 'BudgetReserved', data: { ...d, committed: cents(s.committed + d.amount) } }];
    }
    case 'ReleaseBudget': {
      const d = cmd.data;
      const amount = s.reservations[d.proposalId];
      if (amount === undefined) return [];
      return [{ type: 'BudgetReleased', data: { ...d, amount, committed: cents(s.committed - amount) } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: BudgetState, e: BudgetEvent): BudgetState => {
  switch (e.type) {
    case 'BudgetReserved':
      return { reservations: { ...s.reservations, [e.data.proposalId]: e.data.amount }, committed: e.data.committed, cap: e.data.cap };
    case 'BudgetReleased': {
      const { [e.data.proposalId]: _gone, ...rest } = s.reservations;
      return { ...s, reservations: rest, committed: e.data.committed };
    }
    default:
      return s;
  }
};

export const budgetDecider: Decider<BudgetCommand, BudgetEvent, BudgetState> = { decide, evolve, initialState: () => ({ reservations: {}, committed: 0, cap: null }) };
