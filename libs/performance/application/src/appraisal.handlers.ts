import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { appraisalDecider, NotYetAssessed, type CompetencyRating, type CycleFacts, type IndicatorResult, type Potential } from '@tpm/performance-domain';
import { cycleFactsFor, factsOf, requireActiveEmployee, requireCycle, scorecardSnapshot } from './appraisal.readers';
import { forEachBounded } from './bounded-concurrency';
import type { PerformanceReadModel } from './performance-read.model';
import { appraisalStream } from './performance.streams';

// Every appraisal command: the cycle's read model is read first, at the cycle stream's latest
// committed version (stage gate, participant's unit: one row each, whatever the cycle's size),
// then the appraisal decides at the version it was loaded at and the event is filed under that unit.

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
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: SubmitSelfAssessmentInput, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId } = input;
    const { facts, businessUnitId } = await cycleFactsFor(this.reads, cycleId, employeeId);
    const at = this.clock.now().toISOString();
    const data = { cycleId, employeeId, cycle: facts, at, submittedBy: input.actingEmployeeId, comment: input.comment, ratings: input.ratings };
    const { result } = await execute(this.store, appraisalStream(cycleId, employeeId), appraisalDecider)(() => ({ type: 'SubmitSelfAssessment', data }), {
      context,
      at,
      businessUnitId: () => businessUnitId,
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
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: DelegateAssessmentInput, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId } = input;
    const { facts, businessUnitId } = await cycleFactsFor(this.reads, cycleId, employeeId);
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
      businessUnitId: () => businessUnitId,
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
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: SubmitManagerAssessmentInput, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId, results, competencies, potential, comment } = input;
    const { facts, businessUnitId } = await cycleFactsFor(this.reads, cycleId, employeeId);
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
      businessUnitId: () => businessUnitId,
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
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: CalibrateRatingInput, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId } = input;
    const { facts, businessUnitId } = await cycleFactsFor(this.reads, cycleId, employeeId);
    const at = this.clock.now().toISOString();
    const data = { cycleId, employeeId, cycle: facts, at, toBand: input.toBand, reason: input.reason, calibratedBy: context.actor.subject };
    const { result } = await execute(this.store, appraisalStream(cycleId, employeeId), appraisalDecider)(() => ({ type: 'CalibrateRating', data }), {
      context,
      at,
      businessUnitId: () => businessUnitId,
    });
    return result;
  }
}

/** The cycle's facts and the participant's unit, known: what finalizing one appraisal rides on. */
interface Finalizing {
  cycleId: string;
  employeeId: string;
  facts: CycleFacts;
  businessUnitId: string;
}

const finalizeOne = async (store: EventStore, { cycleId, employeeId, facts, businessUnitId }: Finalizing, at: string, context: CommandContext): Promise<CommandResult> => {
  const { result } = await execute(store, appraisalStream(cycleId, employeeId), appraisalDecider)(
    () => ({ type: 'FinalizeAppraisal', data: { cycleId, employeeId, cycle: facts, at } }),
    { context, at, businessUnitId: () => businessUnitId },
  );
  return result;
};

export class FinalizeAppraisalHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: Target, context: CommandContext): Promise<CommandResult> {
    const { facts, businessUnitId } = await cycleFactsFor(this.reads, input.cycleId, input.employeeId);
    return finalizeOne(this.store, { ...input, facts, businessUnitId }, this.clock.now().toISOString(), context);
  }
}

export interface CycleFinalizationReport {
  cycleId: string;
  finalized: number;
  alreadyFinal: number;
  /** Participants with no manager assessment: nothing to finalize, named so HR can chase them. */
  notAssessed: string[];
}

/** Participants read per page: the batch holds one page, never the whole cycle. */
const PAGE = 1000;

/**
 * Finalizes every assessed appraisal of a cycle in one pass: the cycle is read once, its
 * participants a page at a time, and each appraisal stream is folded once (what it touches).
 * Safe to run again (each appraisal finalizes once).
 */
export class FinalizeCycleHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: { cycleId: string }, context: CommandContext): Promise<CycleFinalizationReport> {
    const { cycleId } = input;
    const cycle = await requireCycle(this.reads, cycleId);
    const facts = factsOf(cycle);
    const report: CycleFinalizationReport = { cycleId, finalized: 0, alreadyFinal: 0, notAssessed: [] };
    for (let after: string | null = null; ; ) {
      const page = await this.reads.participantPage(cycleId, after, PAGE);
      await forEachBounded(page, 8, async ({ employeeId, businessUnitId }) => {
        try {
          const result = await finalizeOne(this.store, { cycleId, employeeId, facts, businessUnitId }, this.clock.now().toISOString(), context);
          if (result.appended) report.finalized++;
          else report.alreadyFinal++;
        } catch (e) {
          // The stage rule comes first in the decider, so only a real "not assessed" lands here.
          if (!(e instanceof NotYetAssessed)) throw e;
          report.notAssessed.push(employeeId);
        }
      });
      if (page.length < PAGE) break;
      after = page[page.length - 1].employeeId;
    }
    report.notAssessed.sort();
    return report;
  }
}
