import { assertNever, type Decider } from '@tpm/kernel';

/** Base pay is personal data: it is encrypted per person in the store and never published. */
export interface BasePay {
  amount: number;
  currency: string;
  effectiveFrom: string;
  /** The employee's start date: tenure and proration in a period are measured from it. */
  startedOn: string;
}

export type PayEvent = { type: 'BasePayRecorded'; data: BasePay & { employeeId: string; importId: string; at: string } };
export type PayCommand = { type: 'RecordBasePay'; data: BasePay & { employeeId: string; importId: string; at: string } };
export type PayState = { employeeId: string | null; records: BasePay[] };

const same = (a: BasePay, b: BasePay) => a.amount === b.amount && a.currency === b.currency && a.effectiveFrom === b.effectiveFrom && a.startedOn === b.startedOn;

const decide = (cmd: PayCommand, s: PayState): PayEvent[] => {
  switch (cmd.type) {
    case 'RecordBasePay':
      // A re-imported file records nothing new: the row is reported unchanged.
      if (s.records.some((r) => same(r, cmd.data))) return [];
      return [{ type: 'BasePayRecorded', data: cmd.data }];
    default:
      return assertNever(cmd.type);
  }
};

const evolve = (s: PayState, e: PayEvent): PayState => {
  switch (e.type) {
    case 'BasePayRecorded': {
      const { employeeId, importId: _i, at: _a, ...pay } = e.data;
      // A later import for the same date replaces that date's figure.
      const records = [...s.records.filter((r) => r.effectiveFrom !== pay.effectiveFrom), pay].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
      return { employeeId, records };
    }
    default:
      return s;
  }
};

/** The base pay in force on a date; null when none was imported yet (or it was erased). */
export const payOn = (s: PayState, on: string): BasePay | null => {
  const found = [...s.records].reverse().find((r) => r.effectiveFrom <= on.slice(0, 10)) ?? null;
  return found && typeof found.amount === 'number' ? found : null;
};

export const payDecider: Decider<PayCommand, PayEvent, PayState> = { decide, evolve, initialState: () => ({ employeeId: null, records: [] }) };
