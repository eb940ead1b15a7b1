import { deciderSpec } from '@tpm/kernel/testing';
import type { PlanCommand } from './plan.commands';
import { planDecider } from './plan.decider';
import { InvalidPlan, PlanAlreadyDrafted, PlanApproverNotAllowed, PlanBudgetExceeded, PlanInWrongStatus, PlanNotFound } from './plan.errors';
import type { PlanContent, PlanEvent } from './plan.events';

const given = deciderSpec(planDecider);
const at = '2027-01-10T00:00:00.000Z';
const content = (budget = 1000): PlanContent => ({
  objectives: ['close negotiation gaps'],
  content: 'negotiation basics',
  format: ['workshop'],
  timeline: { from: '2027-02-01', to: '2027-06-30' },
  budget,
  currency: 'EUR',
  trainers: ['tr-1'],
  audience: { level: 'staff', description: 'sales staff' },
  programIds: ['p1'],
});
const drafted = (): PlanEvent => ({ type: 'TrainingPlanDrafted', data: { planId: 'pl1', businessUnitId: 'sales', period: '2027', version: 1, content: content(), at } });
const submitted = (version = 1): PlanEvent => ({ type: 'TrainingPlanSubmitted', data: { planId: 'pl1', version, at } });
const approved = (version = 1, budget = 1000): PlanEvent => ({
  type: 'TrainingPlanApproved',
  data: { planId: 'pl1', version, approvedBy: 'exec-1', approverRole: 'executive', budget, at },
});
const revised = (): PlanEvent => ({ type: 'TrainingPlanRevised', data: { planId: 'pl1', version: 2, previousVersion: 1, reason: 'more seats', content: content(1500), at } });
const approve = (roles = ['executive']): PlanCommand => ({ type: 'ApprovePlan', data: { planId: 'pl1', approvedBy: 'exec-1', approverRoles: roles, at } });
const spend = (amount: number, spendId = 'sp1'): PlanCommand => ({ type: 'RecordSpend', data: { planId: 'pl1', spendId, amount, description: 'venue', at } });

describe('DraftPlan', () => {
  it('drafts version 1 of a plan for a unit and period', () =>
    given([]).when({ type: 'DraftPlan', data: { planId: 'pl1', businessUnitId: 'sales', period: '2027', content: content(), at } }).then([drafted()]));
  it('refuses to draft the same plan twice', () =>
    given([drafted()]).when({ type: 'DraftPlan', data: { planId: 'pl1', businessUnitId: 'sales', period: '2027', content: content(), at } }).thenThrows(PlanAlreadyDrafted));
  it('refuses a timeline that ends before it starts', () =>
    given([])
      .when({ type: 'DraftPlan', data: { planId: 'pl1', businessUnitId: 'sales', period: '2027', content: { ...content(), timeline: { from: '2027-06-01', to: '2027-01-01' } }, at } })
      .thenThrows(InvalidPlan));
});

describe('SubmitPlan and ApprovePlan', () => {
  it('submits a draft', () => given([drafted()]).when({ type: 'SubmitPlan', data: { planId: 'pl1', at } }).then([submitted()]));
  it('approves a submitted plan by an executive, fixing its budget', () => given([drafted(), submitted()]).when(approve()).then([approved()]));
  it('lets HR approve too', () =>
    given([drafted(), submitted()]).when(approve(['hr'])).then([{ type: 'TrainingPlanApproved', data: { planId: 'pl1', version: 1, approvedBy: 'exec-1', approverRole: 'hr', budget: 1000, at } }]));
  it('refuses an approver who is neither executive nor HR', () => given([drafted(), submitted()]).when(approve(['manager'])).thenThrows(PlanApproverNotAllowed));
  it('refuses to approve a draft that was not submitted', () => given([drafted()]).when(approve()).thenThrows(PlanInWrongStatus));
  it('refuses to act on a plan that does not exist', () => given([]).when({ type: 'SubmitPlan', data: { planId: 'pl1', at } }).thenThrows(PlanNotFound));
});

describe('RevisePlan', () => {
  it('revises an approved plan into a new draft version, keeping the old one', () =>
    given([drafted(), submitted(), approved()])
      .when({ type: 'RevisePlan', data: { planId: 'pl1', reason: 'more seats', content: content(1500), at } })
      .thenState((s) => expect(s.status !== 'new' && [s.status, s.version, s.versions.map((v) => v.approvedBy)]).toEqual(['draft', 2, ['exec-1', null]])));
  it('refuses to revise a plan that is not approved', () =>
    given([drafted()]).when({ type: 'RevisePlan', data: { planId: 'pl1', reason: 'x', content: content(), at } }).thenThrows(PlanInWrongStatus));
});

describe('RecordSpend', () => {
  it('tracks spend against the approved budget', () =>
    given([drafted(), submitted(), approved()])
      .when(spend(400))
      .then([{ type: 'TrainingSpendRecorded', data: { planId: 'pl1', spendId: 'sp1', amount: 400, description: 'venue', spentTotal: 400, approvedBudget: 1000, at } }]));
  it('refuses spend beyond the approved budget', () =>
    given([drafted(), submitted(), approved(), { type: 'TrainingSpendRecorded', data: { planId: 'pl1', spendId: 'sp0', amount: 800, description: 'x', spentTotal: 800, approvedBudget: 1000, at } }])
      .when(spend(300))
      .thenThrows(PlanBudgetExceeded));
  it('keeps the last approved budget while a revision is in draft', () =>
    given([drafted(), submitted(), approved(), revised()]).when(spend(1200)).thenThrows(PlanBudgetExceeded));
  it('counts a repeated spend id once', () =>
    given([drafted(), submitted(), approved(), { type: 'TrainingSpendRecorded', data: { planId: 'pl1', spendId: 'sp1', amount: 10, description: 'x', spentTotal: 10, approvedBudget: 1000, at } }])
      .when(spend(10))
      .then([]));
  it('refuses spend on a plan never approved', () => given([drafted()]).when(spend(1)).thenThrows(PlanInWrongStatus));
});
