import { deciderSpec } from '@tpm/kernel/testing';
import { improvementPlanDecider } from './improvement-plan.decider';
import { ActionDueAfterPlanEnds, ExtensionMustMoveEndLater, NotThePlanEmployee, PlanEndsBeforeItStarts, PlanExtensionLimitReached, PlanHasNoActions, PlanNotInState } from './improvement-plan.errors';
import type { ImprovementPlanEvent } from './improvement-plan.events';

const given = deciderSpec(improvementPlanDecider);
const at = '2027-03-01T09:00:00.000Z';
const subject = { planId: 'p1', employeeId: 'ana', businessUnitId: 'sales', appraisalId: 'apr-1' };
const opened: ImprovementPlanEvent = { type: 'ImprovementPlanOpened', data: { ...subject, openedBy: 'appraisal', reason: 'band below', startsOn: '2027-03-01', endsOn: '2027-05-30', at } };
const action: ImprovementPlanEvent = { type: 'PlanActionAdded', data: { ...subject, actionId: 'a1', text: 'lead two deals', dueOn: '2027-04-30', support: 'shadowing', at } };
const approved: ImprovementPlanEvent = { type: 'ImprovementPlanApproved', data: { ...subject, approvedBy: 'hr-1', at } };
const extended: ImprovementPlanEvent = { type: 'ImprovementPlanExtended', data: { ...subject, fromEndsOn: '2027-05-30', endsOn: '2027-06-30', reason: 'training', extensions: 1, at } };
const active = [opened, action, approved];

describe('OpenImprovementPlan', () => {
  it('opens once per plan id (one per appraisal)', () => {
    given([]).when({ type: 'OpenImprovementPlan', data: { ...opened.data } as never }).then([opened]);
    given([opened]).when({ type: 'OpenImprovementPlan', data: { ...opened.data } as never }).then([]);
  });
  it('refuses a plan that ends before it starts', () => given([]).when({ type: 'OpenImprovementPlan', data: { ...opened.data, endsOn: '2027-02-01' } as never }).thenThrows(PlanEndsBeforeItStarts));
});

describe('HR approval and acknowledgement', () => {
  it('needs at least one action before approval', () => given([opened]).when({ type: 'ApproveImprovementPlan', data: { approvedBy: 'hr-1', at } }).thenThrows(PlanHasNoActions));
  it('approves a plan with actions: it becomes active', () => given([opened, action]).when({ type: 'ApproveImprovementPlan', data: { approvedBy: 'hr-1', at } }).thenState((s) => expect(s.status).toBe('active')));
  it('refuses an action due after the plan ends', () => given([opened]).when({ type: 'AddPlanAction', data: { actionId: 'a2', text: 'x', dueOn: '2027-07-01', support: '', at } }).thenThrows(ActionDueAfterPlanEnds));
  it('is acknowledged by its employee only, once', () => {
    given(active).when({ type: 'AcknowledgeImprovementPlan', data: { employeeId: 'ana', at } }).then([{ type: 'ImprovementPlanAcknowledged', data: { ...subject, at } }]);
    given(active).when({ type: 'AcknowledgeImprovementPlan', data: { employeeId: 'ben', at } }).thenThrows(NotThePlanEmployee);
  });
});

describe('progress, extension and closing', () => {
  it('checks progress only while active', () => given([opened]).when({ type: 'CheckPlanProgress', data: { checkId: 'c1', onTrack: true, note: '', by: 'mia', at } }).thenThrows(PlanNotInState));
  it('extends to a later end, up to the configured number of times', () => {
    given(active).when({ type: 'ExtendImprovementPlan', data: { endsOn: '2027-06-30', reason: 'training', maxExtensions: 1, at } }).then([extended]);
    given([...active, extended]).when({ type: 'ExtendImprovementPlan', data: { endsOn: '2027-07-31', reason: 'again', maxExtensions: 1, at } }).thenThrows(PlanExtensionLimitReached);
    given(active).when({ type: 'ExtendImprovementPlan', data: { endsOn: '2027-05-01', reason: 'earlier', maxExtensions: 1, at } }).thenThrows(ExtensionMustMoveEndLater);
  });
  it('closes an active plan as failed with its extensions', () =>
    given([...active, extended]).when({ type: 'CloseImprovementPlan', data: { outcome: 'failed', by: 'mia', at } }).then([{ type: 'ImprovementPlanClosed', data: { ...subject, outcome: 'failed', extensions: 1, by: 'mia', at } }]));
  it('refuses to close a plan HR has not approved', () => given([opened]).when({ type: 'CloseImprovementPlan', data: { outcome: 'succeeded', by: 'mia', at } }).thenThrows(PlanNotInState));
  it('closes any open plan as offboarded, and nothing twice', () => {
    given([opened]).when({ type: 'CloseImprovementPlanForOffboarding', data: { at } }).then([{ type: 'ImprovementPlanClosed', data: { ...subject, outcome: 'offboarded', extensions: 0, by: 'system:offboarding', at } }]);
    given([...active, { type: 'ImprovementPlanClosed', data: { ...subject, outcome: 'failed', extensions: 0, by: 'mia', at } }]).when({ type: 'CloseImprovementPlanForOffboarding', data: { at } }).then([]);
  });
  it('records a completed training once as evidence, not on a closed plan', () => {
    const training = { programId: 'P', sessionId: 'T1', competencies: ['Negotiation'], completedAt: at, at };
    given(active).when({ type: 'RecordPlanTrainingEvidence', data: training }).then([{ type: 'PlanTrainingEvidenceRecorded', data: { ...subject, ...training } }]);
    given([...active, { type: 'PlanTrainingEvidenceRecorded', data: { ...subject, ...training } }]).when({ type: 'RecordPlanTrainingEvidence', data: training }).then([]);
  });
  it('moves with the employee to another unit', () =>
    given(active).when({ type: 'MoveImprovementPlan', data: { toBusinessUnitId: 'ops', at } }).then([{ type: 'ImprovementPlanMoved', data: { ...subject, businessUnitId: 'ops', fromBusinessUnitId: 'sales', at } }]));
});
