import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { isWithin, scorecardDecider, type ActiveEmployee, type CycleStage, type ScoringMethod } from '@tpm/performance-domain';
import { readParentGoal, requireActiveEmployee } from './appraisal.readers';
import { loadOrgStructure } from './org-structure.reader';
import type { PerformanceReadModel } from './performance-read.model';
import { scorecardStream } from './performance.streams';

// Every scorecard command: the employee must be active, and the unit they are in files the event.

type Scoped = { employeeId: string; period: string };

/** The facts every scorecard command rides on, read before the scorecard itself. */
const scorecardFacts = async (store: EventStore, reads: PerformanceReadModel, input: Scoped): Promise<{ employee: ActiveEmployee; cycleStage: CycleStage | null }> => {
  const employee = await requireActiveEmployee(store, input.employeeId);
  // Read before the scorecard, from the read model caught up to everything committed before this
  // command: a stage advanced meanwhile is at worst seen one command late, as with a stream read.
  const cycleStage = await reads.furthestStage(input.employeeId, input.period);
  return { employee, cycleStage };
};

export interface AssignObjectiveInput extends Scoped {
  objectiveId: string;
  title: string;
  weight: number;
  /** null: an objective that serves no goal (shown as an orphan). */
  parentGoalId: string | null;
}
export class AssignObjectiveHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle({ parentGoalId, ...input }: AssignObjectiveInput, context: CommandContext): Promise<CommandResult> {
    const { employee, cycleStage } = await scorecardFacts(this.store, this.reads, input);
    const at = this.clock.now().toISOString();
    const parentGoal = parentGoalId === null ? null : await readParentGoal(this.store, parentGoalId);
    // Only a unit goal narrows who may serve it; the tree is read only then.
    const goalUnit = parentGoal?.businessUnitId ?? null;
    const employeeWithinGoalUnit = goalUnit === null || isWithin((await loadOrgStructure(this.store)).state, employee.businessUnitId, goalUnit);
    const data = { ...input, parentGoal, employeeWithinGoalUnit, cycleStage, at };
    const { result } = await execute(this.store, scorecardStream(input.employeeId, input.period), scorecardDecider)(() => ({ type: 'AssignObjective', data }), {
      context,
      at,
      businessUnitId: () => employee.businessUnitId,
    });
    return result;
  }
}

export interface DefineIndicatorInput extends Scoped {
  objectiveId: string;
  indicatorId: string;
  name: string;
  target: number;
  unit: string;
  method: ScoringMethod;
}
export class DefineIndicatorHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: DefineIndicatorInput, context: CommandContext): Promise<CommandResult> {
    const { employee, cycleStage } = await scorecardFacts(this.store, this.reads, input);
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, scorecardStream(input.employeeId, input.period), scorecardDecider)(
      () => ({ type: 'DefineIndicator', data: { ...input, cycleStage, at } }),
      { context, at, businessUnitId: () => employee.businessUnitId },
    );
    return result;
  }
}

export interface AdjustObjectiveWeightsInput extends Scoped {
  weights: { objectiveId: string; weight: number }[];
}
export class AdjustObjectiveWeightsHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: AdjustObjectiveWeightsInput, context: CommandContext): Promise<CommandResult> {
    const { employee, cycleStage } = await scorecardFacts(this.store, this.reads, input);
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, scorecardStream(input.employeeId, input.period), scorecardDecider)(
      () => ({ type: 'AdjustObjectiveWeights', data: { ...input, cycleStage, at } }),
      { context, at, businessUnitId: () => employee.businessUnitId },
    );
    return result;
  }
}

export interface ReportProgressInput extends Scoped {
  /** The employee the caller is, or null (then the caller's subject signs the report). */
  actingEmployeeId: string | null;
  objectiveId: string;
  month: string;
  actual: number;
  comment: string;
}
export class ReportProgressHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: ReportProgressInput, context: CommandContext): Promise<CommandResult> {
    const { employee, cycleStage } = await scorecardFacts(this.store, this.reads, input);
    const at = this.clock.now().toISOString();
    const { actingEmployeeId, ...report } = input;
    const data = { ...report, reportedBy: actingEmployeeId ?? context.actor.subject, cycleStage, at };
    const { result } = await execute(this.store, scorecardStream(input.employeeId, input.period), scorecardDecider)(() => ({ type: 'ReportProgress', data }), {
      context,
      at,
      businessUnitId: () => employee.businessUnitId,
    });
    return result;
  }
}
