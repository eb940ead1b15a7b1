import { deciderSpec } from '@tpm/kernel/testing';
import { careerDecider, failedPlanWithin, type CareerCommand, type CareerEvent, type CycleResult, type RecommendationRules } from './career.decider';

const given = deciderSpec(careerDecider);
const at = '2028-01-16T10:00:00.000Z';
const rules: RecommendationRules = { promotion: { minRank: 3, consecutiveCycles: 2 }, transfer: { maxRank: 1 }, demotionReviewOnMissedGoals: true };
const result = (n: number, bandRank: number, changes: Partial<CycleResult> = {}): CycleResult => ({ appraisalId: `ap-${n}`, cycleId: `C-${n}`, bandRank, potential: 'medium', goalsMissed: false, finalizedAt: `202${n}-12-31T00:00:00.000Z`, ...changes });
const who = { employeeId: 'ana', businessUnitId: 'BU-SALES' };
const ids = { promotion: 'rec-p', transfer: 'rec-t', 'demotion-review': 'rec-d' };
const record = (r: CycleResult, rulesNow = rules): CareerCommand => ({ type: 'RecordCycleResult', data: { ...r, ...who, rules: rulesNow, ids, at } });
const recorded = (r: CycleResult): CareerEvent => ({ type: 'CycleResultRecorded', data: { ...r, ...who, at } });
const recommended = (kind: 'promotion' | 'transfer' | 'demotion-review', reason: string, appraisalIds: string[] | null, planId: string | null = null): CareerEvent =>
  ({ type: 'RecommendationMade', data: { recommendationId: kind === 'promotion' ? 'rec-p' : kind === 'transfer' ? 'rec-t' : 'rec-d', ...who, kind, reason, appraisalIds, planId, at } }) as CareerEvent;

describe('RecordCycleResult', () => {
  it('recommends a promotion when the band stayed at or above the threshold for N consecutive cycles, linking those appraisals', () =>
    given([recorded(result(5, 3))]).when(record(result(6, 4))).then([recorded(result(6, 4)), recommended('promotion', 'band-sustained', ['ap-5', 'ap-6'])]));
  it('does not recommend a promotion when one of the N cycles fell below', () => given([recorded(result(4, 4)), recorded(result(5, 2))]).when(record(result(6, 4))).then([recorded(result(6, 4))]));
  it('starts counting again after a promotion recommendation', () =>
    given([recorded(result(5, 3)), recorded(result(6, 3)), recommended('promotion', 'band-sustained', ['ap-5', 'ap-6'])]).when(record(result(7, 3))).then([recorded(result(7, 3))]));
  it('recommends a transfer for high potential in a low band', () => given([]).when(record(result(5, 1, { potential: 'high' }))).then([recorded(result(5, 1, { potential: 'high' })), recommended('transfer', 'high-potential-low-band', ['ap-5'])]));
  it('recommends a demotion review when goals were missed and the policy says so', () =>
    given([]).when(record(result(5, 2, { goalsMissed: true }))).then([recorded(result(5, 2, { goalsMissed: true })), recommended('demotion-review', 'missed-goals', ['ap-5'])]));
  it('does not review missed goals when the policy does not', () => given([]).when(record(result(5, 2, { goalsMissed: true }), { ...rules, demotionReviewOnMissedGoals: false })).then([recorded(result(5, 2, { goalsMissed: true }))]));
  it('records one result per appraisal: a redelivery recommends nothing twice', () => given([recorded(result(5, 1, { potential: 'high' }))]).when(record(result(5, 1, { potential: 'high' }))).then([]));
});

describe('NotePlanClosed', () => {
  const close = (outcome: 'succeeded' | 'failed'): CareerCommand => ({ type: 'NotePlanClosed', data: { ...who, planId: 'plan-1', appraisalId: 'ap-5', outcome, closedAt: '2027-10-01T00:00:00.000Z', recommendationId: 'rec-d', at } });
  const noted = (outcome: 'succeeded' | 'failed'): CareerEvent => ({ type: 'PlanOutcomeNoted', data: { ...who, planId: 'plan-1', appraisalId: 'ap-5', outcome, closedAt: '2027-10-01T00:00:00.000Z', at } });
  it('recommends a demotion review on a failed improvement plan, linked to the plan and its appraisal', () => given([]).when(close('failed')).then([noted('failed'), recommended('demotion-review', 'failed-improvement-plan', ['ap-5'], 'plan-1')]));
  it('notes a succeeded plan and recommends nothing', () => given([]).when(close('succeeded')).then([noted('succeeded')]));
  it('notes a plan once', () => given([noted('failed')]).when(close('failed')).then([]));
  it('knows whether a plan failed within a period', () =>
    given([]).when(close('failed')).thenState((s) => {
      expect(failedPlanWithin(s, '2027-01-01', '2027-12-31')).toBe(true);
      expect(failedPlanWithin(s, '2028-01-01', '2028-12-31')).toBe(false);
    }));
});
