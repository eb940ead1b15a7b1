import type { Envelope } from './envelope';
import { AppraisalFinalizedContract, upcastAppraisalFinalized, type AppraisalFinalizedV1 } from './performance/appraisal.events';
import { CONTRACTS, contractProblems, currentVersionOf, upcastContract, upcastEnvelope } from './published-language';

const v1: AppraisalFinalizedV1['data'] = {
  appraisalId: 'C1:ana',
  cycleId: 'C1',
  employeeId: 'ana',
  businessUnitId: 'sales',
  managerId: 'ben',
  period: '2027',
  score: 82.5,
  ratingBand: 'exceeds',
  ratingBandRank: 4,
  competencyGaps: [{ competency: 'negotiation', currentLevel: 2, requiredLevel: 4, gap: 2 }],
  indicators: [{ objectiveId: 'O1', indicatorId: 'K1', score: 75 }],
  finalizedAt: '2027-12-01T09:00:00.000Z',
};

const envelope = (over: Partial<Envelope>): Envelope => ({
  eventId: 'e1',
  type: 'performance.AppraisalFinalized',
  schemaVersion: 1,
  context: 'performance',
  streamId: 'performance-appraisal-C1-ana',
  streamVersion: 3,
  position: 9,
  occurredAt: v1.finalizedAt,
  recordedAt: v1.finalizedAt,
  actor: { subject: 'hr', roles: ['hr'] },
  businessUnitId: 'sales',
  correlationId: 'c1',
  causationId: null,
  traceparent: null,
  data: v1,
  ...over,
});

describe('the published language', () => {
  it('names each version of each contract once', () => {
    const keys = CONTRACTS.map((c) => `${c.type}@${c.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('publishes AppraisalFinalized at v2', () => expect(currentVersionOf('performance.AppraisalFinalized')).toBe(2));

  it('reads an AppraisalFinalized v1 as v2 with an unknown potential, and the result is a valid v2', () => {
    const upcast = upcastAppraisalFinalized({ type: 'performance.AppraisalFinalized', version: 1, data: v1 });
    expect(upcast).toEqual({ type: 'performance.AppraisalFinalized', version: 2, data: { ...v1, potential: null } });
    expect(AppraisalFinalizedContract.problems(upcast.data)).toEqual([]);
  });

  it('upcasts a v1 envelope from `.events` on decoding and leaves a current one as it is', () => {
    const decoded = upcastEnvelope(envelope({}));
    expect(decoded).toMatchObject({ schemaVersion: 2, data: { ...v1, potential: null }, eventId: 'e1', streamVersion: 3 });
    const current = envelope({ schemaVersion: 2, data: { ...v1, potential: 'high' } });
    expect(upcastEnvelope(current)).toBe(current);
  });

  it('leaves `.log` envelopes alone: they carry domain events, not contracts', () => {
    const logged = envelope({ channel: 'log' });
    expect(upcastEnvelope(logged)).toBe(logged);
  });

  it('leaves types it has no upcaster for alone', () => {
    const other = envelope({ type: 'performance.PositionDefined', data: { any: 'thing' } });
    expect(upcastEnvelope(other)).toBe(other);
  });

  it('reports an event that is no published contract, and a v1 payload offered as v2', () => {
    expect(contractProblems({ type: 'performance.GoalCascaded', version: 1, data: {} })).toEqual(['performance.GoalCascaded v1 is not a published contract']);
    expect(contractProblems({ type: 'performance.AppraisalFinalized', version: 2, data: v1 })).toEqual(['data.potential: missing']);
  });
});

describe('personal data on the broker', () => {
  it('reads a v1 onboarding without its name and a v1 offboarding without its reason', () => {
    const on = upcastContract({ type: 'performance.EmployeeOnboarded', version: 1, data: { employeeId: 'e', employeeNumber: 'E1', name: 'Ana Lima', businessUnitId: 'b', position: 'p', managerId: null, level: 'staff', at: '2027-01-01T00:00:00.000Z' } });
    expect(on).toEqual({ type: 'performance.EmployeeOnboarded', version: 2, data: { employeeId: 'e', employeeNumber: 'E1', businessUnitId: 'b', position: 'p', managerId: null, level: 'staff', at: '2027-01-01T00:00:00.000Z' } });
    expect(contractProblems(on)).toEqual([]);
    const off = upcastContract({ type: 'performance.EmployeeOffboarded', version: 1, data: { employeeId: 'e', businessUnitId: 'b', reason: 'health', at: '2027-01-01T00:00:00.000Z' } });
    expect(off.data).toEqual({ employeeId: 'e', businessUnitId: 'b', at: '2027-01-01T00:00:00.000Z' });
  });

  it('refuses a v2 onboarding that still carries a name', () => {
    const problems = contractProblems({ type: 'performance.EmployeeOnboarded', version: 2, data: { employeeId: 'e', employeeNumber: 'E1', name: 'Ana', businessUnitId: 'b', position: 'p', managerId: null, level: 'staff', at: '2027-01-01T00:00:00.000Z' } });
    expect(problems.join(' ')).toMatch(/name/);
  });
});
