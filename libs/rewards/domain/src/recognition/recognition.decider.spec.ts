import { deciderSpec } from '@tpm/kernel/testing';
import { recognitionDecider, type Award } from './recognition.decider';
import { surveyDecider } from '../survey/survey.decider';
import { SurveyRatingOutOfRange, SurveyWithoutReward } from '../rewards.errors';

const award = (changes: Partial<Award> = {}): Award => ({ awardId: 'aw-1', employeeId: 'ana', businessUnitId: 'BU-SALES', policyId: 'pol-1', points: 20, source: 'training', sourceRef: 'session-1', at: '2028-01-01T00:00:00.000Z', ...changes });

describe('AwardRecognition', () => {
  const given = deciderSpec(recognitionDecider);
  it('awards the policy’s points for a completed training', () => given([]).when({ type: 'AwardRecognition', data: award() }).then([{ type: 'RecognitionAwarded', data: award() }]));
  it('awards one completed session once, whatever the award id', () => given([{ type: 'RecognitionAwarded', data: award() }]).when({ type: 'AwardRecognition', data: award({ awardId: 'aw-2' }) }).then([]));
  it('awards nothing worth no points', () => given([]).when({ type: 'AwardRecognition', data: award({ points: 0 }) }).then([]));
});

describe('RateReward (the valence survey)', () => {
  const given = deciderSpec(surveyDecider);
  const rate = (rating: number, reward: { policyId: string; businessUnitId: string } | null = { policyId: 'pol-1', businessUnitId: 'BU-SALES' }) =>
    ({ type: 'RateReward', data: { employeeId: 'ana', cycleId: 'C-2027', rating, comment: null, at: '2028-04-01T00:00:00.000Z', reward } }) as const;
  it('records the employee’s 1-5 rating of their reward', () =>
    given([]).when(rate(4)).then([{ type: 'RewardRated', data: { employeeId: 'ana', cycleId: 'C-2027', policyId: 'pol-1', businessUnitId: 'BU-SALES', rating: 4, comment: null, at: '2028-04-01T00:00:00.000Z' } }]));
  it('refuses a rating outside 1-5', () => given([]).when(rate(6)).thenThrows(SurveyRatingOutOfRange));
  it('refuses a rating when the employee had no reward in the cycle', () => given([]).when(rate(3, null)).thenThrows(SurveyWithoutReward));
});
