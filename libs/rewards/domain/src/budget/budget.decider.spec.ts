import { deciderSpec } from '@tpm/kernel/testing';
import { BudgetCapExceeded } from '../rewards.errors';
import { budgetDecider, type BudgetCommand, type BudgetEvent } from './budget.decider';

const given = deciderSpec(budgetDecider);
const at = '2028-01-20T10:00:00.000Z';
const unit = { budgetUnitId: 'BU-ROOT', cycleId: 'C-2027' };
const reserve = (proposalId: string, amount: number, cap = 10_000): BudgetCommand => ({ type: 'ReserveBudget', data: { ...unit, proposalId, amount, cap, at } });
const reserved = (proposalId: string, amount: number, committed: number, cap = 10_000): BudgetEvent => ({ type: 'BudgetReserved', data: { ...unit, proposalId, amount, cap, committed, at } });
const release = (proposalId: string): BudgetCommand => ({ type: 'ReleaseBudget', data: { ...unit, proposalId, reason: 'revoked', at } });

describe('ReserveBudget', () => {
  it('reserves an approval’s amount and records the committed total', () => given([reserved('p1', 4_000, 4_000)]).when(reserve('p2', 6_000)).then([reserved('p2', 6_000, 10_000)]));
  it('refuses an approval that would take the committed total over the cap, naming the rule', () =>
    given([reserved('p1', 4_000, 4_000), reserved('p2', 5_000, 9_000)]).when(reserve('p3', 1_000.01)).thenThrows(BudgetCapExceeded, /over its cap of 10000/));
  it('reserves nothing twice for one proposal (a retried approval)', () => given([reserved('p1', 4_000, 4_000)]).when(reserve('p1', 4_000)).then([]));
});

describe('ReleaseBudget', () => {
  it('gives back a revoked reward’s amount, so another approval fits', () =>
    given([reserved('p1', 9_000, 9_000), { type: 'BudgetReleased', data: { ...unit, proposalId: 'p1', amount: 9_000, reason: 'revoked', committed: 0, at } }]).when(reserve('p2', 10_000)).then([reserved('p2', 10_000, 10_000)]));
  it('releases nothing that was never reserved', () => given([]).when(release('p9')).then([]));
});
