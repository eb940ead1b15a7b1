import { deciderSpec } from '@tpm/kernel/testing';
import { PolicyAlreadyDefined, PolicyInvalid, PolicyNotFound, PolicyVersionNotInFuture } from '../rewards.errors';
import { rulesFixture } from '../testing.spec-helper';
import { policyDecider, versionInForce } from './policy.decider';
import type { PolicyCommand, PolicyEvent } from './policy.events';
import { bandFor, stepsFor } from './policy.rules';

const given = deciderSpec(policyDecider);
const at = '2027-06-01T10:00:00.000Z';
const base = { policyId: 'pol-1', businessUnitId: 'BU-SALES', cycleId: 'C-2027', name: 'Sales 2027' };
const define = (rules = rulesFixture(), effectiveFrom = '2027-01-01'): PolicyCommand => ({ type: 'DefinePolicy', data: { ...base, effectiveFrom, rules, at } });
const defined = (rules = rulesFixture(), effectiveFrom = '2027-01-01'): PolicyEvent => ({ type: 'PolicyDefined', data: { ...base, version: 1, effectiveFrom, rules, at } });
const publish = (effectiveFrom: string, rules = rulesFixture({ budgetCap: 30_000 })): PolicyCommand => ({ type: 'PublishPolicyVersion', data: { policyId: 'pol-1', effectiveFrom, rules, at } });
const published = (version: number, effectiveFrom: string, rules = rulesFixture({ budgetCap: 30_000 })): PolicyEvent => ({
  type: 'PolicyVersionPublished',
  data: { policyId: base.policyId, businessUnitId: base.businessUnitId, cycleId: base.cycleId, version, effectiveFrom, rules, at },
});

describe('DefinePolicy', () => {
  it('defines version 1 of a policy for a unit and cycle', () => given([]).when(define()).then([defined()]));
  it('records nothing when the same definition is sent again', () => given([defined()]).when(define()).then([]));
  it('refuses a different definition of a defined policy: changes are new versions', () => given([defined()]).when(define(rulesFixture({ budgetCap: 1 }))).thenThrows(PolicyAlreadyDefined));
  it('refuses rules whose band range does not contain its bonus', () =>
    given([]).when(define(rulesFixture({ bands: [{ minRank: 2, bonusPercent: 9, minPercent: 3, maxPercent: 7, recognitionPoints: 0, promotionEligible: false }] }))).thenThrows(PolicyInvalid, /minPercent <= bonusPercent/));
  it('refuses an approval chain whose thresholds go down', () =>
    given([]).when(define(rulesFixture({ approvalChain: [{ step: 'a', role: 'manager', above: 0 }, { step: 'b', role: 'hr', above: 5000 }, { step: 'c', role: 'executive', above: 100 }] }))).thenThrows(PolicyInvalid, /thresholds/));
  it('refuses a policy without bands or chain steps', () => given([]).when(define(rulesFixture({ bands: [], approvalChain: [] }))).thenThrows(PolicyInvalid, /band/));
});

describe('PublishPolicyVersion', () => {
  it('publishes a new version from a future date, leaving the one in force as it was', () =>
    given([defined()]).when(publish('2027-07-01')).thenState((s) => {
      expect(versionInForce(s, '2027-06-30')?.version).toBe(1);
      expect(versionInForce(s, '2027-07-01')?.version).toBe(2);
    }));
  it('may start today', () => given([defined()]).when(publish('2027-06-01')).then([published(2, '2027-06-01')]));
  it('refuses a back-dated version: what was in force is never edited', () => given([defined()]).when(publish('2027-05-31')).thenThrows(PolicyVersionNotInFuture));
  it('refuses a version that does not start after the latest one', () => given([defined(), published(2, '2027-09-01')]).when(publish('2027-08-01')).thenThrows(PolicyVersionNotInFuture, /2027-09-02/));
  it('refuses a version of a policy never defined', () => given([]).when(publish('2027-07-01')).thenThrows(PolicyNotFound));
  it('knows no version in force before the first starts', () => given([defined(rulesFixture(), '2027-03-01')]).when(publish('2027-07-01')).thenState((s) => expect(versionInForce(s, '2027-02-28')).toBeNull()));
});

describe('policy rules', () => {
  it('gives a rank the highest band starting at or below it, and none below every band', () => {
    expect(bandFor(rulesFixture(), 5)?.minRank).toBe(3);
    expect(bandFor(rulesFixture(), 2)?.minRank).toBe(2);
    expect(bandFor(rulesFixture(), 1)).toBeNull();
  });
  it('needs the first step always and each further step only above its threshold', () => {
    const chain = rulesFixture().approvalChain;
    expect(stepsFor(chain, 0).map((s) => s.step)).toEqual(['manager']);
    expect(stepsFor(chain, 2_000).map((s) => s.step)).toEqual(['manager']);
    expect(stepsFor(chain, 2_000.01).map((s) => s.step)).toEqual(['manager', 'hr']);
    expect(stepsFor(chain, 6_000).map((s) => s.step)).toEqual(['manager', 'hr', 'executive']);
  });
});
