import { deciderSpec } from '@tpm/kernel/testing';
import { AppraisalCycleClosedError, WrongCycleStage } from '../appraisal-cycle/appraisal-cycle.errors';
import type { CycleStage } from '../appraisal-cycle/appraisal-cycle.events';
import type { AppraisalResponseCommand, ResponseFacts } from './appraisal-response.commands';
import { appraisalResponseDecider } from './appraisal-response.decider';
import {
  AmendmentNeedsBand,
  AppraisalAlreadyAcknowledged,
  AppraisalDisputeOpen,
  AppraisalNotFinalized,
  NoOpenDispute,
  OnlyTheEmployeeResponds,
  ResponseTextRequired,
} from './appraisal-response.errors';
import type { AppraisalResponseEvent } from './appraisal-response.events';

const at = '2027-12-01T00:00:00.000Z';
const given = deciderSpec(appraisalResponseDecider);
const facts = (changes: Partial<ResponseFacts> = {}): ResponseFacts => ({ stage: 'feedback', finalBand: 'below', bands: ['unsatisfactory', 'below', 'meets', 'exceeds'], ...changes });
const ids = { cycleId: 'C1', employeeId: 'ana' };
const acknowledge = (by: string | null = 'ana', f = facts()): AppraisalResponseCommand => ({ type: 'AcknowledgeAppraisal', data: { ...ids, facts: f, at, by } });
const dispute = (reason = 'my targets moved mid-year', by: string | null = 'ana', f = facts()): AppraisalResponseCommand => ({
  type: 'DisputeAppraisal',
  data: { ...ids, facts: f, at, by, reason },
});
const resolve = (resolution: 'upheld' | 'amended', toBand: string | null = null, note = 'reviewed the evidence'): AppraisalResponseCommand => ({
  type: 'ResolveAppraisalDispute',
  data: { ...ids, facts: facts(), at, resolution, toBand, note, resolvedBy: 'hr-1' },
});
const acknowledged: AppraisalResponseEvent = { type: 'AppraisalAcknowledged', data: { ...ids, at } };
const disputed: AppraisalResponseEvent = { type: 'AppraisalDisputed', data: { ...ids, reason: 'my targets moved mid-year', at } };
const resolved = (resolution: 'upheld' | 'amended', toBand: string): AppraisalResponseEvent => ({
  type: 'AppraisalDisputeResolved',
  data: { ...ids, resolution, fromBand: 'below', toBand, note: 'reviewed the evidence', resolvedBy: 'hr-1', at },
});

describe('AcknowledgeAppraisal', () => {
  it('records that the employee acknowledges the final appraisal', () => given([]).when(acknowledge()).then([acknowledged]));
  it('refuses an acknowledgement by anyone but the employee', () => given([]).when(acknowledge('ben')).thenThrows(OnlyTheEmployeeResponds));
  it('refuses to acknowledge an appraisal that is not final', () => given([]).when(acknowledge('ana', facts({ finalBand: null }))).thenThrows(AppraisalNotFinalized));
  it('refuses to acknowledge outside the feedback stage', () => given([]).when(acknowledge('ana', facts({ stage: 'calibration' }))).thenThrows(WrongCycleStage));
  it('refuses anything once the cycle is closed', () => given([]).when(acknowledge('ana', facts({ stage: 'closed' as CycleStage }))).thenThrows(AppraisalCycleClosedError));
  it('says nothing new when acknowledged twice', () => given([acknowledged]).when(acknowledge()).then([]));
  it('refuses to acknowledge while a dispute is open', () => given([disputed]).when(acknowledge()).thenThrows(AppraisalDisputeOpen));
  it('acknowledges once HR has resolved the dispute', () => given([disputed, resolved('upheld', 'below')]).when(acknowledge()).then([acknowledged]));
});

describe('DisputeAppraisal', () => {
  it('records the employee dispute with its reason', () => given([]).when(dispute()).then([disputed]));
  it('refuses a dispute without a reason', () => given([]).when(dispute(' ')).thenThrows(ResponseTextRequired));
  it('refuses a dispute by anyone but the employee', () => given([]).when(dispute(undefined, 'ben')).thenThrows(OnlyTheEmployeeResponds));
  it('refuses to dispute an acknowledged appraisal', () => given([acknowledged]).when(dispute()).thenThrows(AppraisalAlreadyAcknowledged));
  it('says nothing new for the same dispute again', () => given([disputed]).when(dispute()).then([]));
  it('refuses a second dispute while one is open', () => given([disputed]).when(dispute('another reason')).thenThrows(AppraisalDisputeOpen));
  it('refuses to dispute an appraisal that is not final', () => given([]).when(dispute(undefined, 'ana', facts({ finalBand: null }))).thenThrows(AppraisalNotFinalized));
});

describe('ResolveAppraisalDispute', () => {
  it('upholds the final band', () => given([disputed]).when(resolve('upheld')).then([resolved('upheld', 'below')]));
  it('amends the band', () => given([disputed]).when(resolve('amended', 'meets')).then([resolved('amended', 'meets')]));
  it('refuses an amendment without one of the cycle bands', () => {
    given([disputed]).when(resolve('amended', null)).thenThrows(AmendmentNeedsBand);
    given([disputed]).when(resolve('amended', 'stellar')).thenThrows(AmendmentNeedsBand);
  });
  it('refuses a resolution without a note', () => given([disputed]).when(resolve('upheld', null, '')).thenThrows(ResponseTextRequired));
  it('refuses to resolve when nothing is disputed', () => given([]).when(resolve('upheld')).thenThrows(NoOpenDispute));
  it('refuses to resolve a dispute twice', () => given([disputed, resolved('upheld', 'below')]).when(resolve('upheld')).thenThrows(NoOpenDispute));
});
