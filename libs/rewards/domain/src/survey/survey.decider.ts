import { assertNever, type Decider } from '@tpm/kernel';
import { SurveyRatingOutOfRange, SurveyWithoutReward } from '../rewards.errors';

/** The employee's own rating (1-5) of the reward of a cycle: the valence they report. */
export type SurveyEvent = { type: 'RewardRated'; data: { employeeId: string; cycleId: string; policyId: string; businessUnitId: string; rating: number; comment: string | null; at: string } };
export type SurveyCommand = { type: 'RateReward'; data: Omit<SurveyEvent['data'], 'policyId' | 'businessUnitId'> & { reward: { policyId: string; businessUnitId: string } | null } };
export interface SurveyState {
  rating: number | null;
  answers: number;
}

const decide = (cmd: SurveyCommand, s: SurveyState): SurveyEvent[] => {
  switch (cmd.type) {
    case 'RateReward': {
      const { reward, ...d } = cmd.data;
      if (!Number.isInteger(d.rating) || d.rating < 1 || d.rating > 5) throw new SurveyRatingOutOfRange(d.rating);
      if (!reward) throw new SurveyWithoutReward(d.cycleId);
      // The answer may change; the same answer again is a retry.
      if (s.rating === d.rating && s.answers > 0 && d.comment === null) return [];
      return [{ type: 'RewardRated', data: { ...d, policyId: reward.policyId, businessUnitId: reward.businessUnitId } }];
    }
    default:
      return assertNever(cmd.type);
  }
};

const evolve = (s: SurveyState, e: SurveyEvent): SurveyState => (e.type === 'RewardRated' ? { rating: e.data.rating, answers: s.answers + 1 } : s);

export const surveyDecider: Decider<SurveyCommand, SurveyEvent, SurveyState> = { decide, evolve, initialState: () => ({ rating: null, answers: 0 }) };
