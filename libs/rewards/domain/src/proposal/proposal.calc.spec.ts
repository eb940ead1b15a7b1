import type { BasePay } from '../pay/pay.decider';
import { rulesFixture } from '../testing.spec-helper';
import { computeProposal, type AppraisalResult, type PolicyInForce } from './proposal.calc';

const appraisal = (changes: Partial<AppraisalResult> = {}): AppraisalResult => ({
  appraisalId: 'ap-1',
  cycleId: 'C-2027',
  employeeId: 'ana',
  businessUnitId: 'BU-SALES',
  period: '2027',
  ratingBand: 'exceeds',
  ratingBandRank: 3,
  indicatorScores: [80, 90],
  finalizedAt: '2028-01-15T10:00:00.000Z',
  ...changes,
});
const policy = (changes: Partial<PolicyInForce['rules']> = {}): PolicyInForce => ({ policyId: 'pol-1', version: 2, businessUnitId: 'BU-ROOT', rules: rulesFixture(changes) });
const pay = (changes: Partial<BasePay> = {}): BasePay => ({ amount: 60_000, currency: 'EUR', effectiveFrom: '2027-01-01', startedOn: '2020-01-01', ...changes });
const facts = { active: true, failedPlanInPeriod: false };

describe('computing a proposal from an appraisal and the policy in force', () => {
  it('gives the band’s bonus share of pay, with its range and its provenance', () => {
    const c = computeProposal(appraisal(), policy(), pay(), facts);
    expect(c).toMatchObject({
      eligible: true,
      amount: 6_000,
      min: 4_800,
      max: 9_000,
      targetReached: true,
      provenance: { policyId: 'pol-1', policyVersion: 2, budgetUnitId: 'BU-ROOT', band: 'exceeds', bandRank: 3, bonusPercent: 10, basePay: 60_000, proration: 1, goalsMissed: false, withheld: false },
    });
  });

  it('needs the approval steps of its amount: above 5000 the executive signs too', () => {
    const c = computeProposal(appraisal(), policy(), pay(), facts);
    expect(c.eligible && c.steps.map((s) => s.step)).toEqual(['manager', 'hr', 'executive']);
    const small = computeProposal(appraisal({ ratingBandRank: 2 }), policy(), pay({ amount: 30_000 }), facts);
    expect(small.eligible && small.steps.map((s) => s.step)).toEqual(['manager']);
  });

  it('prorates by the days employed in the period', () => {
    const c = computeProposal(appraisal(), policy(), pay({ startedOn: '2027-07-02' }), facts);
    expect(c.eligible && c.provenance.proration).toBeCloseTo(183 / 365, 4);
    expect(c.eligible && c.amount).toBe(Math.round(6_000 * (183 / 365) * 100) / 100);
  });

  it('does not prorate when the policy says so', () => {
    const c = computeProposal(appraisal(), policy({ prorate: false }), pay({ startedOn: '2027-07-02' }), facts);
    expect(c.eligible && c.amount).toBe(6_000);
  });

  it('withholds the bonus when a goal was missed and the policy withholds', () => {
    const c = computeProposal(appraisal({ indicatorScores: [80, 20] }), policy(), pay(), facts);
    expect(c).toMatchObject({ eligible: true, amount: 0, provenance: { goalsMissed: true, withheld: true } });
  });

  it('keeps the bonus of missed goals when the policy does not withhold', () => {
    const c = computeProposal(appraisal({ indicatorScores: [20] }), policy({ missedGoals: { indicatorScoreBelow: 40, withholdBonus: false, demotionReview: true } }), pay(), facts);
    expect(c).toMatchObject({ eligible: true, amount: 6_000, provenance: { goalsMissed: true, withheld: false } });
  });

  it('finds an employee below the minimum tenure in the period ineligible', () => {
    expect(computeProposal(appraisal(), policy(), pay({ startedOn: '2027-11-01' }), facts)).toMatchObject({ eligible: false, reasons: ['tenure-below-minimum'] });
  });

  it('finds an inactive employee, one without pay, one on a failed plan and one below every band ineligible, saying each reason', () => {
    expect(computeProposal(appraisal({ ratingBandRank: 1 }), policy(), null, { active: false, failedPlanInPeriod: true })).toMatchObject({
      eligible: false,
      reasons: ['inactive', 'no-base-pay', 'failed-improvement-plan', 'below-every-band'],
      targetReached: false,
    });
  });

  it('lets a failed plan pass when the policy does not exclude it', () => {
    const c = computeProposal(appraisal(), policy({ eligibility: { minTenureDays: 0, excludeFailedPlan: false } }), pay(), { active: true, failedPlanInPeriod: true });
    expect(c.eligible).toBe(true);
  });
});
