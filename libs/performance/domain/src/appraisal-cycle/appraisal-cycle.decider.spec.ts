import { deciderSpec } from '@tpm/kernel/testing';
import { DEFAULT_RATING_BANDS } from '../scoring/rating-bands';
import { ScoringMethodInvalid, UnknownScoringRulesVersion } from '../scoring/scoring.errors';
import type { AppraisalCycleCommand } from './appraisal-cycle.commands';
import { appraisalCycleDecider, requireStage } from './appraisal-cycle.decider';
import {
  AppraisalCycleAlreadyOpened,
  AppraisalCycleClosedError,
  AppraisalCycleNotFound,
  StageCannotBeSkipped,
  StageCannotGoBack,
  WrongCycleStage,
} from './appraisal-cycle.errors';
import type { AppraisalCycleEvent, CycleStage } from './appraisal-cycle.events';

const at = '2027-01-15T00:00:00.000Z';
const given = deciderSpec(appraisalCycleDecider);
const settings = { cycleId: 'C1', period: '2027', businessUnitId: 'sales' as string | null, bands: DEFAULT_RATING_BANDS, rulesVersion: 1, at };
const open = (changes: Partial<typeof settings> = {}): AppraisalCycleCommand => ({ type: 'OpenAppraisalCycle', data: { ...settings, ...changes } });
const opened: AppraisalCycleEvent = { type: 'AppraisalCycleOpened', data: settings };
const advance = (to: CycleStage): AppraisalCycleCommand => ({ type: 'AdvanceAppraisalStage', data: { cycleId: 'C1', to, at } });
const advanced = (from: CycleStage, to: CycleStage): AppraisalCycleEvent => ({ type: 'AppraisalStageAdvanced', data: { cycleId: 'C1', from, to, at } });
const inStage = (stage: CycleStage): AppraisalCycleEvent[] => {
  const order: CycleStage[] = ['planning', 'execution', 'review', 'calibration', 'feedback', 'closed'];
  return [opened, ...order.slice(1, order.indexOf(stage) + 1).map((to, i) => advanced(order[i], to))];
};
const enrol = (...ids: string[]): AppraisalCycleCommand => ({
  type: 'EnrolParticipants',
  data: { cycleId: 'C1', participants: ids.map((employeeId) => ({ employeeId, businessUnitId: 'sales' })), alreadyEnrolled: [], at },
});
const enrolKnowing = (alreadyEnrolled: string[], ...ids: string[]): AppraisalCycleCommand => {
  const cmd = enrol(...ids) as Extract<AppraisalCycleCommand, { type: 'EnrolParticipants' }>;
  return { ...cmd, data: { ...cmd.data, alreadyEnrolled } };
};
const enrolled = (...ids: string[]): AppraisalCycleEvent => ({
  type: 'ParticipantsEnrolled',
  data: { cycleId: 'C1', participants: ids.map((employeeId) => ({ employeeId, businessUnitId: 'sales' })), at },
});

describe('OpenAppraisalCycle', () => {
  it('opens a cycle for a business-unit subtree and a period, in planning', () =>
    given([]).when(open()).thenState((s) => expect(s).toMatchObject({ status: 'open', stage: 'planning', businessUnitId: 'sales' })));
  it('records the bands and the scoring rules version', () => given([]).when(open()).then([opened]));
  it('opens a cycle for the whole organization', () => given([]).when(open({ businessUnitId: null })).then([{ type: 'AppraisalCycleOpened', data: { ...settings, businessUnitId: null } }]));
  it('says nothing new when the same cycle is opened again', () => given([opened]).when(open()).then([]));
  it('refuses to reopen a cycle with other settings', () => given([opened]).when(open({ period: '2028' })).thenThrows(AppraisalCycleAlreadyOpened));
  it('refuses rating bands that leave scores uncovered', () => given([]).when(open({ bands: [{ name: 'ok', from: 50 }] })).thenThrows(ScoringMethodInvalid));
  it('refuses an unknown scoring rules version', () => given([]).when(open({ rulesVersion: 9 })).thenThrows(UnknownScoringRulesVersion));
});

describe('EnrolParticipants', () => {
  it('enrols the employees in scope', () => given([opened]).when(enrol('ana', 'ben')).then([enrolled('ana', 'ben')]));
  it('enrols only those not yet enrolled, once each', () => given([opened, enrolled('ana')]).when(enrolKnowing(['ana'], 'ana', 'ben', 'ben')).then([enrolled('ben')]));
  it('says nothing new when everyone is enrolled', () => given([opened, enrolled('ana')]).when(enrolKnowing(['ana'], 'ana')).then([]));
  it('counts the enrolled without keeping who they are', () =>
    given([opened, enrolled('ana', 'ben')]).when(enrolKnowing(['ana', 'ben'], 'cy')).thenState((s) => expect(s).toMatchObject({ participantCount: 3 })));
  it('refuses enrolment once the review has started', () => given([...inStage('review')]).when(enrol('ana')).thenThrows(WrongCycleStage));
  it('refuses enrolment in a cycle that does not exist', () => given([]).when(enrol('ana')).thenThrows(AppraisalCycleNotFound));
});

describe('AdvanceAppraisalStage', () => {
  it('moves planning to execution', () => given([opened]).when(advance('execution')).then([advanced('planning', 'execution')]));
  it('moves calibration to feedback', () => given(inStage('calibration')).when(advance('feedback')).then([advanced('calibration', 'feedback')]));
  it('closes the cycle after feedback', () =>
    given(inStage('feedback'))
      .when(advance('closed'))
      .then([advanced('feedback', 'closed'), { type: 'AppraisalCycleClosed', data: { cycleId: 'C1', period: '2027', at } }]));
  it('says nothing new when the cycle is already in that stage', () => given(inStage('review')).when(advance('review')).then([]));
  it('never goes back', () => given(inStage('calibration')).when(advance('review')).thenThrows(StageCannotGoBack));
  it('never skips a stage', () => given([opened]).when(advance('review')).thenThrows(StageCannotBeSkipped));
  it('refuses to advance a cycle that does not exist', () => given([]).when(advance('execution')).thenThrows(AppraisalCycleNotFound));
  it('refuses to move a closed cycle, even backwards', () => given(inStage('closed')).when(advance('feedback')).thenThrows(AppraisalCycleClosedError));
});

describe('requireStage', () => {
  it('lets through what the stage allows', () => expect(() => requireStage('C1', 'review', 'Assessing', ['review'])).not.toThrow());
  it('names the allowed stages when the cycle is elsewhere', () => expect(() => requireStage('C1', 'planning', 'Assessing', ['review'])).toThrow(WrongCycleStage));
  it('refuses everything once the cycle is closed', () => expect(() => requireStage('C1', 'closed', 'Assessing', ['closed'])).toThrow(AppraisalCycleClosedError));
});
