import { fold } from '@tpm/kernel';
import { DEFAULT_RATING_BANDS } from '../scoring/rating-bands';
import { appraisalDecider } from './appraisal.decider';
import type { AppraisalEvent } from './appraisal.events';
import { rebandAppraisal, rescoreAppraisal } from './what-if';

const at = '2027-11-01T00:00:00.000Z';
const method = { kind: 'linear-ratio' as const };
// Revenue 40/100 -> 40; delivery 5 of level anchored (v1: 100). Weights 50/50 -> 70, meets.
const history: AppraisalEvent[] = [
  {
    type: 'ManagerAssessmentSubmitted',
    data: {
      cycleId: 'C1',
      employeeId: 'ana',
      businessUnitId: 'sales',
      managerId: 'ben',
      assessorId: 'ben',
      objectives: [
        { objectiveId: 'O-REV', weight: 50, indicators: [{ indicatorId: 'K1', target: 100, unit: 'kEUR', method, actual: 40, score: 40, rulesVersion: 1 }] },
        {
          objectiveId: 'O-BEH',
          weight: 50,
          indicators: [{ indicatorId: 'K2', target: 0, unit: 'level', method: { kind: 'anchored-scale', anchors: ['1', '2', '3', '4', '5'] }, actual: 5, score: 100, rulesVersion: 1 }],
        },
      ],
      competencies: [],
      potential: 'medium',
      comment: '',
      score: 70,
      ratingBand: 'meets',
      at,
    },
  },
];
const appraisal = fold(appraisalDecider, history);

describe('rescoreAppraisal (what-if)', () => {
  it('returns the recorded score unchanged when nothing differs', () =>
    expect(rescoreAppraisal('ana', appraisal, DEFAULT_RATING_BANDS, {})).toEqual({ employeeId: 'ana', before: 70, after: 70, delta: 0, bandBefore: 'meets', bandAfter: 'meets' }));
  it('re-weighs the objectives and renormalizes to 100', () =>
    expect(rescoreAppraisal('ana', appraisal, DEFAULT_RATING_BANDS, { weights: { 'O-REV': 300, 'O-BEH': 100 } })).toMatchObject({ after: 55, delta: -15, bandAfter: 'below' }));
  it('re-scores under another rules version', () =>
    // v2: revenue under half the target earns 0; level 5 still 100 -> 50.
    expect(rescoreAppraisal('ana', appraisal, DEFAULT_RATING_BANDS, { rulesVersion: 2 })).toMatchObject({ after: 50, delta: -20, bandAfter: 'below' }));
  it('re-bands under other bands', () =>
    expect(rescoreAppraisal('ana', appraisal, DEFAULT_RATING_BANDS, { bands: [{ name: 'low', from: 0 }, { name: 'high', from: 60 }] })).toMatchObject({ after: 70, bandBefore: 'meets', bandAfter: 'high' }));
  it('keeps the calibrated band as the band before', () =>
    expect(
      rescoreAppraisal('ana', fold(appraisalDecider, [...history, { type: 'RatingCalibrated', data: { cycleId: 'C1', employeeId: 'ana', fromBand: 'meets', toBand: 'exceeds', score: 70, reason: 'r', calibratedBy: 'hr', at } }]), DEFAULT_RATING_BANDS, {}),
    ).toMatchObject({ bandBefore: 'exceeds', bandAfter: 'meets' }));
  it('has nothing to say about an appraisal never assessed', () => expect(rescoreAppraisal('ana', fold(appraisalDecider, []), DEFAULT_RATING_BANDS, {})).toBeNull());
  it('re-bands from the score and band alone when weights and rules stay, as a full rescore would', () => {
    const bands = [{ name: 'low', from: 0 }, { name: 'high', from: 60 }];
    // Empty weights keep every weight yet take the full path: the objectives rescored.
    const full = rescoreAppraisal('ana', appraisal, DEFAULT_RATING_BANDS, { bands, weights: {} });
    expect(full).toMatchObject({ after: 70, bandAfter: 'high' });
    expect(rebandAppraisal('ana', { score: 70, ratingBand: 'meets' }, DEFAULT_RATING_BANDS, bands)).toEqual(full);
    expect(rebandAppraisal('ana', { score: 70, ratingBand: null }, DEFAULT_RATING_BANDS)).toEqual({ employeeId: 'ana', before: 70, after: 70, delta: 0, bandBefore: 'meets', bandAfter: 'meets' });
  });
});
