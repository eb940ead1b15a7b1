import type { Envelope } from '@tpm/contracts';
import { foldRewardsBatch } from './rewards-read.projection';

const at = '2028-01-16T10:00:00.000Z';
const env = (type: string, data: unknown, correlationId = 'c-1') => ({ type: `rewards.${type}`, data, correlationId }) as unknown as Envelope;
const provenance = { policyId: 'pol-1', policyVersion: 1, budgetUnitId: 'BU-ROOT', band: 'exceeds', bandRank: 3, bonusPercent: 10, basePay: 60_000, currency: 'EUR', proration: 1, goalsMissed: false, withheld: false, chain: [] };
const proposed = (proposalId: string, basePay: number | null = 60_000) =>
  env('RewardProposed', { proposalId, appraisalId: 'ap', cycleId: 'C', employeeId: 'ana', businessUnitId: 'BU-S', kind: 'bonus', amount: 6_000, min: 1, max: 9_000, steps: [], provenance: { ...provenance, basePay }, targetReached: true, dueOn: '2028-03-31', at });

describe('folding a batch of rewards events into row changes', () => {
  it('keeps the ratio of bonus to pay and no base pay in the row', () => {
    const row = foldRewardsBatch([proposed('p1')]).proposals.created.get('p1')!;
    expect(row).toMatchObject({ pay_ratio: 0.1, amount: 6_000, status: 'proposed' });
    expect(Object.values(row)).not.toContain(60_000);
  });
  it('has no ratio for an erased person (the store reads their pay as null)', () => expect(foldRewardsBatch([proposed('p1', null)]).proposals.created.get('p1')!.pay_ratio).toBeNull());
  it('ends a proposal made and approved in one batch where one event at a time would: approved, with its approvals counted', () => {
    const approve = (final: boolean) => env('RewardApproved', { proposalId: 'p1', employeeId: 'ana', businessUnitId: 'BU-S', policyId: 'pol-1', step: 's', role: 'manager', by: 'x', amount: 6_000, final, at });
    const c = foldRewardsBatch([proposed('p1'), approve(false), approve(true)]);
    expect(c.proposals.created.get('p1')).toMatchObject({ status: 'approved', approvals: 2 });
    expect(c.proposals.patched.size).toBe(0);
  });
  it('patches rows made before the batch with only the columns their events name, and counts their approvals', () => {
    const c = foldRewardsBatch([
      env('RewardApproved', { proposalId: 'p0', employeeId: 'ana', businessUnitId: 'BU-S', policyId: 'pol-1', step: 's', role: 'manager', by: 'x', amount: 1, final: false, at }),
      env('RewardPaid', { grantId: 'g0', employeeId: 'ana', businessUnitId: 'BU-S', policyId: 'pol-1', amount: 1, paidOn: '2028-02-01', onTime: true, at }),
      env('GrantFlaggedLate', { grantId: 'g9', employeeId: 'ana', businessUnitId: 'BU-S', dueOn: '2028-01-01', at }),
    ]);
    expect(c.proposals.patched.get('p0')).toEqual({ status: 'in-approval' });
    expect(c.approvedInBatch.get('p0')).toBe(1);
    expect(c.grants.patched.get('g0')).toEqual({ status: 'paid', paid_on: '2028-02-01', on_time: true });
    expect(c.grants.patched.get('g9')).toEqual({ flagged_late: true });
  });
  it('keeps a budget’s last committed total and the net count of reservations', () => {
    const b = (type: string, proposalId: string, committed: number) => env(type, { budgetUnitId: 'U', cycleId: 'C', proposalId, amount: 5, cap: 10, committed, reason: 'revoked', at });
    const c = foldRewardsBatch([b('BudgetReserved', 'p1', 5), b('BudgetReserved', 'p2', 10), b('BudgetReleased', 'p1', 5)]);
    expect(c.budgets.patched.get('U@C')).toMatchObject({ committed: 5, cap: 10, delta: 1 });
  });
});
