import { deciderSpec } from '@tpm/kernel/testing';
import { GrantAlreadyRevoked, GrantNotFound, GrantNotPayable, PaymentBeforeGrant, PaymentInFuture } from '../rewards.errors';
import { grantDecider, type GrantCommand, type GrantEvent, type GrantTerms } from './grant.decider';

const given = deciderSpec(grantDecider);
const at = '2028-01-20T10:00:00.000Z';
const later = '2028-05-01T10:00:00.000Z';
const terms: GrantTerms = { grantId: 'g1', proposalId: 'p1', employeeId: 'ana', businessUnitId: 'BU-SALES', budgetUnitId: 'BU-ROOT', policyId: 'pol-1', cycleId: 'C-2027', kind: 'bonus', amount: 6_000, currency: 'EUR', dueOn: '2028-03-31' };
const granted: GrantEvent = { type: 'RewardGranted', data: { ...terms, at } };
const pay = (paidOn: string): GrantCommand => ({ type: 'PayReward', data: { grantId: 'g1', paidOn, at: later } });
const paid = (paidOn: string, onTime: boolean): GrantEvent => ({ type: 'RewardPaid', data: { grantId: 'g1', employeeId: 'ana', businessUnitId: 'BU-SALES', policyId: 'pol-1', amount: 6_000, paidOn, onTime, at: later } });
const revoked: GrantEvent = { type: 'RewardRevoked', data: { grantId: 'g1', proposalId: 'p1', employeeId: 'ana', businessUnitId: 'BU-SALES', budgetUnitId: 'BU-ROOT', cycleId: 'C-2027', policyId: 'pol-1', reason: 'fraud', at } };
const flag = (when: string): GrantCommand => ({ type: 'FlagLate', data: { grantId: 'g1', at: when } });

describe('GrantReward', () => {
  it('grants once per approved proposal', () => given([granted]).when({ type: 'GrantReward', data: { ...terms, at } }).then([]));
});

describe('PayReward', () => {
  it('records the payment date and that it was on time', () => given([granted]).when(pay('2028-03-31')).then([paid('2028-03-31', true)]));
  it('records a payment after the due date as late', () => given([granted]).when(pay('2028-04-01')).then([paid('2028-04-01', false)]));
  it('records the same payment once', () => given([granted, paid('2028-03-01', true)]).when(pay('2028-03-01')).then([]));
  it('refuses a payment dated before the grant', () => given([granted]).when(pay('2028-01-01')).thenThrows(PaymentBeforeGrant));
  it('refuses a payment dated after today: only a payment made is recorded', () => given([granted]).when({ type: 'PayReward', data: { grantId: 'g1', paidOn: '2028-01-21', at } }).thenThrows(PaymentInFuture));
  it('refuses to pay a revoked grant', () => given([granted, revoked]).when(pay('2028-03-01')).thenThrows(GrantNotPayable));
  it('refuses to pay an unknown grant', () => given([]).when(pay('2028-03-01')).thenThrows(GrantNotFound));
});

describe('RevokeReward', () => {
  it('revokes a paid reward, with its reason', () => given([granted, paid('2028-03-01', true)]).when({ type: 'RevokeReward', data: { grantId: 'g1', reason: 'fraud', at } }).then([revoked]));
  it('refuses to revoke twice', () => given([granted, revoked]).when({ type: 'RevokeReward', data: { grantId: 'g1', reason: 'x', at } }).thenThrows(GrantAlreadyRevoked));
});

describe('FlagLate', () => {
  it('flags a grant still unpaid after its due date', () =>
    given([granted]).when(flag('2028-04-01T00:00:00.000Z')).then([{ type: 'GrantFlaggedLate', data: { grantId: 'g1', employeeId: 'ana', businessUnitId: 'BU-SALES', dueOn: '2028-03-31', at: '2028-04-01T00:00:00.000Z' } }]));
  it('does not flag before the due date has passed', () => given([granted]).when(flag('2028-03-31T23:00:00.000Z')).then([]));
  it('does not flag a paid or revoked grant', () => {
    given([granted, paid('2028-03-01', true)]).when(flag('2028-04-02T00:00:00.000Z')).then([]);
    given([granted, revoked]).when(flag('2028-04-02T00:00:00.000Z')).then([]);
  });
});
