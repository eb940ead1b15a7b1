import { assertNever, type Decider } from '@tpm/kernel';
import type { ImprovementPlanCommand } from './improvement-plan.commands';
import {
  ActionDueAfterPlanEnds,
  ExtensionMustMoveEndLater,
  NotThePlanEmployee,
  PlanActionNotFound,
  PlanEndsBeforeItStarts,
  PlanExtensionLimitReached,
  PlanHasNoActions,
  PlanNotInState,
} from './improvement-plan.errors';
import type { ImprovementPlanEvent, PlanOpenedBy, PlanOutcome, PlanSubject } from './improvement-plan.events';

/**
 * opened (draft: actions are added) → HR approves → active (progress checks, extensions) →
 * closed as succeeded or failed; offboarding closes it from any state. The employee acknowledges
 * it once opened or active.
 */
export type ImprovementPlan =
  | { status: 'none' }
  | (PlanSubject & {
      status: 'opened' | 'active' | 'closed';
      openedBy: PlanOpenedBy;
      startsOn: string;
      endsOn: string;
      approvedBy: string | null;
      acknowledgedAt: string | null;
      actions: { actionId: string; text: string; dueOn: string; support: string; done: boolean; evidence: { kind: string; ref: string | null } | null }[];
      checks: { checkId: string; onTrack: boolean; at: string }[];
      trainings: { programId: string; sessionId: string; competencies: string[] }[];
      extensions: number;
      outcome: PlanOutcome | null;
    });

type Live = Exclude<ImprovementPlan, { status: 'none' }>;
const subjectOf = (s: PlanSubject): PlanSubject => ({ planId: s.planId, employeeId: s.employeeId, businessUnitId: s.businessUnitId, appraisalId: s.appraisalId });

const inState = (s: ImprovementPlan, needed: Live['status'][]): Live => {
  if (s.status === 'none') throw new PlanNotInState('unknown', needed.join(' or '));
  if (!needed.includes(s.status)) throw new PlanNotInState(s.status, needed.join(' or '));
  return s;
};

const decide = (cmd: ImprovementPlanCommand, s: ImprovementPlan): ImprovementPlanEvent[] => {
  switch (cmd.type) {
    case 'OpenImprovementPlan': {
      // One plan per appraisal: a redelivered appraisal, or a retried request, opens nothing new.
      if (s.status !== 'none') return [];
      if (cmd.data.endsOn <= cmd.data.startsOn) throw new PlanEndsBeforeItStarts(cmd.data.startsOn, cmd.data.endsOn);
      return [{ type: 'ImprovementPlanOpened', data: { ...cmd.data } }];
    }
    case 'AddPlanAction': {
      const l = inState(s, ['opened', 'active']);
      if (l.actions.some((a) => a.actionId === cmd.data.actionId)) return [];
      if (cmd.data.dueOn > l.endsOn) throw new ActionDueAfterPlanEnds(cmd.data.dueOn, l.endsOn);
      return [{ type: 'PlanActionAdded', data: { ...subjectOf(l), ...cmd.data } }];
    }
    case 'CompletePlanAction': {
      const l = inState(s, ['opened', 'active']);
      const action = l.actions.find((a) => a.actionId === cmd.data.actionId);
      if (!action) throw new PlanActionNotFound(cmd.data.actionId);
      if (action.done) return [];
      return [{ type: 'PlanActionCompleted', data: { ...subjectOf(l), ...cmd.data } }];
    }
    case 'ApproveImprovementPlan': {
      if (s.status === 'active') return [];
      const l = inState(s, ['opened']);
      if (!l.actions.length) throw new PlanHasNoActions();
      return [{ type: 'ImprovementPlanApproved', data: { ...subjectOf(l), ...cmd.data } }];
    }
    case 'AcknowledgeImprovementPlan': {
      const l = inState(s, ['opened', 'active']);
      if (l.employeeId !== cmd.data.employeeId) throw new NotThePlanEmployee();
      if (l.acknowledgedAt) return [];
      return [{ type: 'ImprovementPlanAcknowledged', data: { ...subjectOf(l), at: cmd.data.at } }];
    }
    case 'CheckPlanProgress': {
      const l = inState(s, ['active']);
      if (l.checks.some((c) => c.checkId === cmd.data.checkId)) return [];
      return [{ type: 'PlanProgressChecked', data: { ...subjectOf(l), ...cmd.data } }];
    }
    case 'ExtendImprovementPlan': {
      const l = inState(s, ['active']);
      if (l.endsOn === cmd.data.endsOn && l.extensions > 0) return [];
      if (l.extensions >= cmd.data.maxExtensions) throw new PlanExtensionLimitReached(cmd.data.maxExtensions);
      if (cmd.data.endsOn <= l.endsOn) throw new ExtensionMustMoveEndLater(l.endsOn, cmd.data.endsOn);
      return [{ type: 'ImprovementPlanExtended', data: { ...subjectOf(l), fromEndsOn: l.endsOn, endsOn: cmd.data.endsOn, reason: cmd.data.reason, extensions: l.extensions + 1, at: cmd.data.at } }];
    }
    case 'RecordPlanTrainingEvidence': {
      if (s.status === 'none' || s.status === 'closed') return [];
      if (s.trainings.some((t) => t.sessionId === cmd.data.sessionId)) return [];
      return [{ type: 'PlanTrainingEvidenceRecorded', data: { ...subjectOf(s), ...cmd.data } }];
    }
    case 'MoveImprovementPlan':
      if (s.status === 'none' || s.status === 'closed' || s.businessUnitId === cmd.data.toBusinessUnitId) return [];
      return [{ type: 'ImprovementPlanMoved', data: { ...subjectOf(s), businessUnitId: cmd.data.toBusinessUnitId, fromBusinessUnitId: s.businessUnitId, at: cmd.data.at } }];
    case 'CloseImprovementPlan': {
      if (s.status === 'closed' && s.outcome === cmd.data.outcome) return [];
      const l = inState(s, ['active']);
      return [{ type: 'ImprovementPlanClosed', data: { ...subjectOf(l), outcome: cmd.data.outcome, extensions: l.extensions, by: cmd.data.by, at: cmd.data.at } }];
    }
    case 'CloseImprovementPlanForOffboarding':
      if (s.status === 'none' || s.status === 'closed') return [];
      return [{ type: 'ImprovementPlanClosed', data: { ...subjectOf(s), outcome: 'offboarded', extensions: s.extensions, by: 'system:offboarding', at: cmd.data.at } }];
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: ImprovementPlan, e: ImprovementPlanEvent): ImprovementPlan => {
  if (e.type === 'ImprovementPlanOpened') {
    const { at: _at, reason: _reason, ...d } = e.data;
    return { ...d, status: 'opened', approvedBy: null, acknowledgedAt: null, actions: [], checks: [], trainings: [], extensions: 0, outcome: null };
  }
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'PlanActionAdded':
      return { ...s, actions: [...s.actions, { actionId: e.data.actionId, text: e.data.text, dueOn: e.data.dueOn, support: e.data.support, done: false, evidence: null }] };
    case 'PlanActionCompleted':
      return { ...s, actions: s.actions.map((a) => (a.actionId === e.data.actionId ? { ...a, done: true, evidence: e.data.evidence } : a)) };
    case 'ImprovementPlanApproved':
      return { ...s, status: 'active', approvedBy: e.data.approvedBy };
    case 'ImprovementPlanAcknowledged':
      return { ...s, acknowledgedAt: e.data.at };
    case 'PlanProgressChecked':
      return { ...s, checks: [...s.checks, { checkId: e.data.checkId, onTrack: e.data.onTrack, at: e.data.at }] };
    case 'ImprovementPlanExtended':
      return { ...s, endsOn: e.data.endsOn, extensions: e.data.extensions };
    case 'PlanTrainingEvidenceRecorded':
      return { ...s, trainings: [...s.trainings, { programId: e.data.programId, sessionId: e.data.sessionId, competencies: e.data.competencies }] };
    case 'ImprovementPlanMoved':
      return { ...s, businessUnitId: e.data.businessUnitId };
    case 'ImprovementPlanClosed':
      return { ...s, status: 'closed', outcome: e.data.outcome };
    default:
      return assertNever(e);
  }
};

export const improvementPlanDecider: Decider<ImprovementPlanCommand, ImprovementPlanEvent, ImprovementPlan> = {
  decide,
  evolve,
  initialState: (): ImprovementPlan => ({ status: 'none' }),
};
