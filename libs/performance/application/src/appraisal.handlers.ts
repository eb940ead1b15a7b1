import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { appraisalDecider, NotYetAssessed, type CompetencyRating, type IndicatorResult, type Potential } from '@tpm/performance-domain';
import { cycleFactsFor, requireActiveEmployee, requireCycle, scorecardSnapshot } from './appraisal.readers';
import { forEachBounded } from './bounded-concurrency';
import { appraisalStream } from './performance.streams';

// Every appraisal command: the cycle is read first (stage gate, participant's unit), then the
// appraisal decides at the version it was loaded at and the event is filed under that unit.

type Target = { cycleId: string; employeeId: string };
/**
 * The employee the caller is (from the token), or null when they are none. Event metadata keeps
 * only who acted and as what; who the person is for the rules comes in explicitly.
 */
type Acting = { actingEmployeeId: string | null };

export interface SubmitSelfAssessmentInput extends Target, Acting {
  comment: string;
  ratings: { competency: string; rating: number }[];
}
export class SubmitSelfAssessmentHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: SubmitSelfAssessmentInput, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId } = input;
    const { cycle, facts } = await cycleFactsFor(this.store, cycleId, employeeId);
    const at = this.clock.now().toISOString();
    const data = { cycleId, employeeId, cycle: facts, at, submittedBy: input.actingEmployeeId, comment: input.comment, ratings: input.ratings };
    const { result } = await execute(this.store, appraisalStream(cycleId, employeeId), appraisalDecider)(() => ({ type: 'SubmitSelfAssessment', data }), {
      context,
      at,
      businessUnitId: () => cycle.participants[employeeId] ?? null,
    });
    return result;
  }
}

export interface DelegateAssessmentInput extends Target, Acting {
  delegateId: string;
}
export class DelegateAssessmentHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: DelegateAssessmentInput, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId } = input;
    const { cycle, facts } = await cycleFactsFor(this.store, cycleId, employeeId);
    const at = this.clock.now().toISOString();
    const employee = await requireActiveEmployee(this.store, employeeId);
    await requireActiveEmployee(this.store, input.delegateId);
    const { actor } = context;
    const data = {
      cycleId,
      employeeId,
      cycle: facts,
      at,
      managerId: employee.managerId,
      delegatedBy: input.actingEmployeeId ?? actor.subject,
      byHr: actor.roles.includes('hr'),
      delegateId: input.delegateId,
    };
    const { result } = await execute(this.store, appraisalStream(cycleId, employeeId), appraisalDecider)(() => ({ type: 'DelegateAssessment', data }), {
      context,
      at,
      businessUnitId: () => cycle.participants[employeeId] ?? null,
    });
    return result;
  }
}

export interface SubmitManagerAssessmentInput extends Target, Acting {
  results: IndicatorResult[];
  competencies: CompetencyRating[];
  potential: Potential;
  comment: string;
}
/** The manager is read from the employee aggregate and the scorecard snapshot from its stream: both ride on the command. */
export class SubmitManagerAssessmentHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: SubmitManagerAssessmentInput, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId, results, competencies, potential, comment } = input;
    const { cycle, facts } = await cycleFactsFor(this.store, cycleId, employeeId);
    const at = this.clock.now().toISOString();
    const employee = await requireActiveEmployee(this.store, employeeId);
    const scorecard = await scorecardSnapshot(this.store, employeeId, facts.period);
    const data = {
      cycleId,
      employeeId,
      cycle: facts,
      at,
      assessorId: input.actingEmployeeId,
      managerId: employee.managerId,
      businessUnitId: employee.businessUnitId,
      scorecard,
      results,
      competencies,
      potential,
      comment,
    };
    const { result } = await execute(this.store, appraisalStream(cycleId, employeeId), appraisalDecider)(() => ({ type: 'SubmitManagerAssessment', data }), {
      context,
      at,
      businessUnitId: () => cycle.participants[employeeId] ?? null,
    });
    return result;
  }
}

export interface CalibrateRatingInput extends Target {
  toBand: string;
  reason: string;
}
export class CalibrateRatingHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: CalibrateRatingInput, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId } = input;
    const { cycle, facts } = await cycleFactsFor(this.store, cycleId, employeeId);
    const at = this.clock.now().toISOString();
    const data = { cycleId, employeeId, cycle: facts, at, toBand: input.toBand, reason: input.reason, calibratedBy: context.actor.subject };
    const { result } = await execute(this.store, appraisalStream(cycleId, employeeId), appraisalDecider)(() => ({ type: 'CalibrateRating', data }), {
      context,
      at,
      businessUnitId: () => cycle.participants[employeeId] ?? null,
    });
    return result;
  }
}

export class FinalizeAppraisalHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: Target, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId } = input;
    const { cycle, facts } = await cycleFactsFor(this.store, cycleId, employeeId);
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, appraisalStream(cycleId, employeeId), appraisalDecider)(
      () => ({ type: 'FinalizeAppraisal', data: { cycleId, employeeId, cycle: facts, at } }),
      { context, at, businessUnitId: () => cycle.participants[employeeId] ?? null },
    );
    return result;
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
