import { deciderSpec } from '@tpm/kernel/testing';
import { payDecider, payOn, type PayCommand, type PayEvent } from './pay.decider';

const given = deciderSpec(payDecider);
const row = (amount: number, effectiveFrom: string) => ({ employeeId: 'ana', amount, currency: 'EUR', effectiveFrom, startedOn: '2020-01-01', importId: 'imp-1', at: '2027-01-01T00:00:00.000Z' });
const record = (amount: number, effectiveFrom: string): PayCommand => ({ type: 'RecordBasePay', data: row(amount, effectiveFrom) });
const recorded = (amount: number, effectiveFrom: string): PayEvent => ({ type: 'BasePayRecorded', data: row(amount, effectiveFrom) });

describe('RecordBasePay', () => {
  it('records base pay from a date', () => given([]).when(record(60_000, '2027-01-01')).then([recorded(60_000, '2027-01-01')]));
  it('records nothing when the same row is imported again', () => given([recorded(60_000, '2027-01-01')]).when(record(60_000, '2027-01-01')).then([]));
  it('answers the pay in force on a date', () =>
    given([recorded(60_000, '2027-01-01')]).when(record(66_000, '2027-07-01')).thenState((s) => {
      expect(payOn(s, '2027-06-30')?.amount).toBe(60_000);
      expect(payOn(s, '2027-07-01')?.amount).toBe(66_000);
      expect(payOn(s, '2026-12-31')).toBeNull();
    }));
});
