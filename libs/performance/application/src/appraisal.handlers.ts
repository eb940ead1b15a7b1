import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import {
  appraisalDecider,
  NotYetAssessed,
  type AppraisalCommand,
  type CompetencyRating,
  type CycleFacts,
  type IndicatorResult,
  type OpenCycle,
  type Potential,
} from '@tpm/performance-domain';
import { cycleFactsFor, loadAppraisal, requireActiveEmployee, requireCycle, scorecardSnapshot } from './appraisal.readers';
import { forEachBounded } from './bounded-concurrency';
import { appendDecided, type CommandContext, type CommandResult } from './command-context';
import { appraisalStream } from './performance.streams';

type Target = { cycleId: string; employeeId: string };
/**
 * The employee the caller is (from the token), or null when they are none. Event metadata keeps
 * only who acted and as what; who the person is for the rules comes in explicitly.
 */
type Acting = { actingEmployeeId: string | null };

/** Reads the cycle (stage gate), builds the command, decides on the appraisal and appends at its version. */
abstract class AppraisalHandler<Input extends Target> {
  constructor(
    protected readonly store: EventStore,
    protected readonly clock: Clock,
  ) {}

  protected abstract command(input: Input, base: Target & { cycle: CycleFacts; at: string }, context: CommandContext, cycle: OpenCycle): Promise<AppraisalCommand>;

  async handle(input: Input, context: CommandContext): Promise<CommandResult> {
    const { cycle, facts } = await cycleFactsFor(this.store, input.cycleId, input.employeeId);
    const at = this.clock.now().toISOString();
    const command = await this.command(input, { cycleId: input.cycleId, employeeId: input.employeeId, cycle: facts, at }, context, cycle);
    const { state, version } = await loadAppraisal(this.store, input.cycleId, input.employeeId);
    const events = appraisalDecider.decide(command, state);
    return appendDecided(this.store, appraisalStream(input.cycleId, input.employeeId), events, {
      expectedVersion: version,
      context,
      at,
      businessUnitId: cycle.participants[input.employeeId] ?? null,
    });
  }
}

export interface SubmitSelfAssessmentInput extends Target, Acting {
  comment: string;
  ratings: { competency: string; rating: number }[];
}
export class SubmitSelfAssessmentHandler extends AppraisalHandler<SubmitSelfAssessmentInput> {
  protected async command(input: SubmitSelfAssessmentInput, base: Target & { cycle: CycleFacts; at: string }): Promise<AppraisalCommand> {
    return { type: 'SubmitSelfAssessment', data: { ...base, submittedBy: input.actingEmployeeId, comment: input.comment, ratings: input.ratings } };
  }
}

export interface DelegateAssessmentInput extends Target, Acting {
  delegateId: string;
}
export class DelegateAssessmentHandler extends AppraisalHandler<DelegateAssessmentInput> {
  protected async command(input: DelegateAssessmentInput, base: Target & { cycle: CycleFacts; at: string }, context: CommandContext): Promise<AppraisalCommand> {
    const employee = await requireActiveEmployee(this.store, input.employeeId);
    await requireActiveEmployee(this.store, input.delegateId);
    const { actor } = context;
    return {
      type: 'DelegateAssessment',
      data: { ...base, managerId: employee.managerId, delegatedBy: input.actingEmployeeId ?? actor.subject, byHr: actor.roles.includes('hr'), delegateId: input.delegateId },
    };
  }
}

export interface SubmitManagerAssessmentInput extends Target, Acting {
  results: IndicatorResult[];
  competencies: CompetencyRating[];
  potential: Potential;
  comment: string;
}
/** The manager is read from the employee aggregate and the scorecard snapshot from its stream: both ride on the command. */
export class SubmitManagerAssessmentHandler extends AppraisalHandler<SubmitManagerAssessmentInput> {
  protected async command(input: SubmitManagerAssessmentInput, base: Target & { cycle: CycleFacts; at: string }): Promise<AppraisalCommand> {
    const employee = await requireActiveEmployee(this.store, input.employeeId);
    const scorecard = await scorecardSnapshot(this.store, input.employeeId, base.cycle.period);
    const { results, competencies, potential, comment } = input;
    return {
      type: 'SubmitManagerAssessment',
      data: { ...base, assessorId: input.actingEmployeeId, managerId: employee.managerId, businessUnitId: employee.businessUnitId, scorecard, results, competencies, potential, comment },
    };
  }
}

export interface CalibrateRatingInput extends Target {
  toBand: string;
  reason: string;
}
export class CalibrateRatingHandler extends AppraisalHandler<CalibrateRatingInput> {
  protected async command(input: CalibrateRatingInput, base: Target & { cycle: CycleFacts; at: string }, context: CommandContext): Promise<AppraisalCommand> {
    return { type: 'CalibrateRating', data: { ...base, toBand: input.toBand, reason: input.reason, calibratedBy: context.actor.subject } };
  }
}

export class FinalizeAppraisalHandler extends AppraisalHandler<Target> {
  protected async command(_: Target, base: Target & { cycle: CycleFacts; at: string }): Promise<AppraisalCommand> {
    return { type: 'FinalizeAppraisal', data: base };
  }
}

export interface CycleFinalizationReport {
  cycleId: string;
  finalized: number;
  alreadyFinal: number;
  /** Participants with no manager assessment: nothing to finalize, named so HR can chase them. */
  notAssessed: string[];
}

/** Finalizes every assessed appraisal of a cycle; safe to run again (each appraisal finalizes once). */
export class FinalizeCycleHandler {
  private readonly one: FinalizeAppraisalHandler;
  constructor(
    private readonly store: EventStore,
    clock: Clock,
  ) {
    this.one = new FinalizeAppraisalHandler(store, clock);
  }

  async handle(input: { cycleId: string }, context: CommandContext): Promise<CycleFinalizationReport> {
    const { cycle } = await requireCycle(this.store, input.cycleId);
    const report: CycleFinalizationReport = { cycleId: input.cycleId, finalized: 0, alreadyFinal: 0, notAssessed: [] };
    await forEachBounded(Object.keys(cycle.participants), 8, async (employeeId) => {
      try {
        const result = await this.one.handle({ cycleId: input.cycleId, employeeId }, context);
        if (result.appended) report.finalized++;
        else report.alreadyFinal++;
      } catch (e) {
        // The stage rule comes first in the decider, so only a real "not assessed" lands here.
        if (!(e instanceof NotYetAssessed)) throw e;
        report.notAssessed.push(employeeId);
      }
    });
    report.notAssessed.sort();
    return report;
  }
}
