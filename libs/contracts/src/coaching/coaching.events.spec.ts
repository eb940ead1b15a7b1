import type { Envelope } from '../envelope';
import { contractProblems, currentVersionOf, upcastEnvelope } from '../published-language';
import { DifficultyReportedContract, upcastDifficultyReported, type DifficultyReportedV1 } from './coaching.events';

const v1: DifficultyReportedV1['data'] = {
  difficultyId: 'd1',
  engagementId: 'e1',
  sessionId: null,
  employeeId: 'ana',
  businessUnitId: 'sales',
  kind: 'skill-gap',
  competency: 'Delegation',
  currentLevel: 1,
  requiredLevel: 3,
  description: 'struggles to hand work over',
  reportedAt: '2027-03-01T09:00:00.000Z',
};

describe('coaching.DifficultyReported', () => {
  it('is published at v2', () => expect(currentVersionOf('coaching.DifficultyReported')).toBe(2));

  it('reads a v1 as a valid v2 without the free-text description', () => {
    const up = upcastDifficultyReported({ type: 'coaching.DifficultyReported', version: 1, data: v1 });
    expect(up.version).toBe(2);
    expect(up.data).not.toHaveProperty('description');
    expect(DifficultyReportedContract.problems(up.data)).toEqual([]);
  });

  it('upcasts a v1 envelope from coaching.events on decoding', () => {
    const e = { type: 'coaching.DifficultyReported', schemaVersion: 1, context: 'coaching', data: v1 } as Envelope;
    const decoded = upcastEnvelope(e);
    expect(decoded.schemaVersion).toBe(2);
    expect(JSON.stringify(decoded)).not.toContain('hand work over');
  });

  it('refuses a v2 that still carries the description', () => {
    expect(contractProblems({ type: 'coaching.DifficultyReported', version: 2, data: v1 })).not.toEqual([]);
  });
});
