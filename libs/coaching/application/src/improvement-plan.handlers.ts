import type { Clock } from '@tpm/kernel';
import { deterministicUuid, execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { improvementPlanDecider, ImprovementPlanNotFound, type ImprovementPlan, type ImprovementPlanCommand } from '@tpm/coaching-domain';
import { EmployeeInactive, EmployeeUnknown } from './coaching.errors';
import { improvementPlanStream } from './coaching.streams';
import type { EmployeeDirectory, ImprovementPlanSettings } from './ports';

const unitOf = (s: ImprovementPlan) => (s.status === 'none' ? null : s.businessUnitId);
const DAY = 24 * 3600 * 1000;
const dateOf = (iso: string) => iso.slice(0, 10);

/** One plan per appraisal: the id derives from the appraisal's, so a redelivery names the same plan. */
export const planIdForAppraisal = (appraisalId: string) => deterministicUuid('coaching-improvement-plan', appraisalId);

export interface AppraisalForPlan {
  appraisalId: string;
  employeeId: string;
  businessUnitId: string;
  ratingBand: string;
  ratingBandRank: number;
  finalizedAt: string;
}

/** The performance improvement plan's state machine, one plan per stream. */
export class ImprovementPlanHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly directory: EmployeeDirectory,
    private readonly settings: ImprovementPlanSettings,
  ) {}

  private async run(planId: string, command: (at: string) => ImprovementPlanCommand, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, improvementPlanStream(planId), improvementPlanDecider)(
      (s) => {
        if (s.status === 'none') throw new ImprovementPlanNotFound(planId);
        return command(at);
      },
      { context, at, businessUnitId: unitOf },
    );
    return result;
  }

  async open(input: { planId: string; employeeId: string; appraisalId: string | null; reason: string; endsOn: string }, context: CommandContext): Promise<CommandResult> {
    const employee = await this.directory.employee(input.employeeId);
    if (!employee) throw new EmployeeUnknown(input.employeeId);
    if (!employee.active) throw new EmployeeInactive(input.employeeId);
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, improvementPlanStream(input.planId), improvementPlanDecider)(
      () => ({ type: 'OpenImprovementPlan', data: { ...input, businessUnitId: employee.businessUnitId, openedBy: 'manager', startsOn: dateOf(at), at } }),
      { context, at, businessUnitId: () => employee.businessUnitId },
    );
    return result;
  }

  /** At or below the threshold band, a plan opens for the appraisal (once); above it, nothing. */
  async openFromAppraisal(a: AppraisalForPlan, context: CommandContext): Promise<(CommandResult & { planId: string }) | null> {
    if (a.ratingBandRank > this.settings.bandRankThreshold) return null;
    const planId = planIdForAppraisal(a.appraisalId);
    const at = this.clock.now().toISOString();
    const startsOn = dateOf(a.finalizedAt > at ? a.finalizedAt : at);
    const endsOn = dateOf(new Date(Date.parse(`${startsOn}T00:00:00Z`) + this.settings.durationDays * DAY).toISOString());
    const { result } = await execute(this.store, improvementPlanStream(planId), improvementPlanDecider)(
      () => ({
        type: 'OpenImprovementPlan',
        data: { planId, employeeId: a.employeeId, businessUnitId: a.businessUnitId, appraisalId: a.appraisalId, openedBy: 'appraisal', reason: `Appraisal band ${a.ratingBand} (rank ${a.ratingBandRank})`, startsOn, endsOn, at },
      }),
      { context, at, businessUnitId: () => a.businessUnitId },
    );
    return { ...result, planId };
  }

  addAction(planId: string, input: { actionId: string; text: string; dueOn: string; support: string }, context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'AddPlanAction', data: { ...input, at } }), context);
  }
  completeAction(planId: string, actionId: string, evidence: { kind: 'manual' | 'training'; ref: string | null }, context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'CompletePlanAction', data: { actionId, evidence, at } }), context);
  }
  approve(planId: string, context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'ApproveImprovementPlan', data: { approvedBy: context.actor.subject, at } }), context);
  }
  acknowledge(planId: string, employeeId: string, context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'AcknowledgeImprovementPlan', data: { employeeId, at } }), context);
  }
  checkProgress(planId: string, input: { checkId: string; onTrack: boolean; note: string }, context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'CheckPlanProgress', data: { ...input, by: context.actor.subject, at } }), context);
  }
  extend(planId: string, input: { endsOn: string; reason: string }, context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'ExtendImprovementPlan', data: { ...input, maxExtensions: this.settings.maxExtensions, at } }), context);
  }
  close(planId: string, outcome: 'succeeded' | 'failed', context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'CloseImprovementPlan', data: { outcome, by: context.actor.subject, at } }), context);
  }
  closeForOffboarding(planId: string, context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'CloseImprovementPlanForOffboarding', data: { at } }), context);
  }
  recordTraining(planId: string, input: { programId: string; sessionId: string; competencies: string[]; completedAt: string }, context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'RecordPlanTrainingEvidence', data: { ...input, at } }), context);
  }
  move(planId: string, toBusinessUnitId: string, context: CommandContext) {
    return this.run(planId, (at) => ({ type: 'MoveImprovementPlan', data: { toBusinessUnitId, at } }), context);
  }
}
