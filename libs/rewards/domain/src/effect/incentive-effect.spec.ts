import { deciderSpec } from '@tpm/kernel/testing';
import { effectDecider } from './effect.decider';
import { incentiveEffectV1, type IncentiveEffectInputs } from './incentive-effect';

const inputs = (changes: Partial<IncentiveEffectInputs> = {}): IncentiveEffectInputs => ({
  eligible: 10,
  reachedTarget: 5,
  promised: 8,
  granted: 6,
  paidOnTime: 3,
  meanRewardToPay: 0.05,
  ratings: 4,
  meanRating: 4,
  ...changes,
});

describe('the incentive effect, version 1', () => {
  it('is expectancy × instrumentality × valence, each from its recorded inputs', () => {
    expect(incentiveEffectV1(inputs())).toEqual({
      functionVersion: 1,
      expectancy: 0.5,
      expectancyFlag: null,
      grantedShare: 0.75,
      onTimeShare: 0.5,
      instrumentality: 0.375,
      sizeValence: 0.5,
      surveyValence: 0.75,
      valence: 0.625,
      effect: 0.1172,
    });
  });
  it('flags goals that are not feasible below 20% expectancy', () => expect(incentiveEffectV1(inputs({ reachedTarget: 1 })).expectancyFlag).toBe('goals-not-feasible'));
  it('flags a target without stretch above 90% expectancy', () => expect(incentiveEffectV1(inputs({ reachedTarget: 10 })).expectancyFlag).toBe('no-stretch'));
  it('keeps 20% and 90% themselves unflagged', () => {
    expect(incentiveEffectV1(inputs({ reachedTarget: 2 })).expectancyFlag).toBeNull();
    expect(incentiveEffectV1(inputs({ reachedTarget: 9 })).expectancyFlag).toBeNull();
  });
  it('caps size valence at a tenth of pay and uses it alone when nobody answered the survey', () => {
    const r = incentiveEffectV1(inputs({ meanRewardToPay: 0.2, ratings: 0, meanRating: null }));
    expect(r).toMatchObject({ sizeValence: 1, surveyValence: null, valence: 1 });
  });
  it('knows no effect without eligible employees or promises', () => {
    expect(incentiveEffectV1(inputs({ eligible: 0, reachedTarget: 0 })).effect).toBeNull();
    expect(incentiveEffectV1(inputs({ promised: 0, granted: 0, paidOnTime: 0 })).instrumentality).toBeNull();
  });
  it('records a measurement with its inputs and function version, and nothing when the inputs did not change', () => {
    const given = deciderSpec(effectDecider);
    const measure = { type: 'MeasureIncentiveEffect' as const, data: { policyId: 'pol-1', businessUnitId: 'BU-ROOT', cycleId: 'C-2027', inputs: inputs(), at: '2028-04-01T00:00:00.000Z' } };
    given([]).when(measure).thenState((s) => expect(s.measurements[0]).toMatchObject({ inputs: inputs(), result: { functionVersion: 1, effect: 0.1172 } }));
    given([{ type: 'IncentiveEffectMeasured', data: { ...measure.data, result: incentiveEffectV1(inputs()) } }]).when(measure).then([]);
  });
});
