import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { isWithin, scorecardDecider, type ActiveEmployee, type CycleStage, type ScorecardCommand, type ScoringMethod } from '@tpm/performance-domain';
import { readParentGoal, requireActiveEmployee } from './appraisal.readers';
import { appendDecided, type CommandContext, type CommandResult } from './command-context';
import { employeeCycleStage } from './cycle-stage.reader';
import { loadOrgStructure } from './org-structure.reader';
import { scorecardStream } from './performance.streams';

type Scoped = { employeeId: string; period: string };
/** What every scorecard command is told besides its input: the facts other aggregates own. */
interface ScorecardFacts {
  at: string;
  context: CommandContext;
  employee: ActiveEmployee;
  cycleStage: CycleStage | null;
}

/** Every scorecard command: the employee must be active, and the unit they are in files the event. */
abstract class ScorecardHandler<Input extends Scoped> {
  constructor(
    protected readonly store: EventStore,
    protected readonly clock: Clock,
  ) {}

  protected abstract command(input: Input, facts: ScorecardFacts): Promise<ScorecardCommand>;

  async handle(input: Input, context: CommandContext): Promise<CommandResult> {
    const employee = await requireActiveEmployee(this.store, input.employeeId);
    const stream = scorecardStream(input.employeeId, input.period);
    const at = this.clock.now().toISOString();
    // Read before the scorecard: a stage advanced meanwhile is at worst seen one command late.
    const cycleStage = await employeeCycleStage(this.store, input.employeeId, input.period);
    const command = await this.command(input, { at, context, employee, cycleStage });
    const { state, version } = await this.store.aggregate(stream, scorecardDecider);
    const events = scorecardDecider.decide(command, state);
    return appendDecided(this.store, stream, events, { expectedVersion: version, context, at, businessUnitId: employee.businessUnitId });
  }
}

export interface AssignObjectiveInput extends Scoped {
  objectiveId: string;
  title: string;
  weight: number;
  /** null: an objective that serves no goal (shown as an orphan). */
  parentGoalId: string | null;
}
export class AssignObjectiveHandler extends ScorecardHandler<AssignObjectiveInput> {
  protected async command({ parentGoalId, ...input }: AssignObjectiveInput, { at, employee, cycleStage }: ScorecardFacts): Promise<ScorecardCommand> {
    const parentGoal = parentGoalId === null ? null : await readParentGoal(this.store, parentGoalId);
    // Only a unit goal narrows who may serve it; the tree is read only then.
    const goalUnit = parentGoal?.businessUnitId ?? null;
    const employeeWithinGoalUnit = goalUnit === null || isWithin((await loadOrgStructure(this.store)).state, employee.businessUnitId, goalUnit);
    return { type: 'AssignObjective', data: { ...input, parentGoal, employeeWithinGoalUnit, cycleStage, at } };
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
export class DefineIndicatorHandler extends ScorecardHandler<DefineIndicatorInput> {
  protected async command(input: DefineIndicatorInput, { at, cycleStage }: ScorecardFacts): Promise<ScorecardCommand> {
    return { type: 'DefineIndicator', data: { ...input, cycleStage, at } };
  }
}

export interface AdjustObjectiveWeightsInput extends Scoped {
  weights: { objectiveId: string; weight: number }[];
}
export class AdjustObjectiveWeightsHandler extends ScorecardHandler<AdjustObjectiveWeightsInput> {
  protected async command(input: AdjustObjectiveWeightsInput, { at, cycleStage }: ScorecardFacts): Promise<ScorecardCommand> {
    return { type: 'AdjustObjectiveWeights', data: { ...input, cycleStage, at } };
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
export class ReportProgressHandler extends ScorecardHandler<ReportProgressInput> {
  protected async command(input: ReportProgressInput, { at, context, cycleStage }: ScorecardFacts): Promise<ScorecardCommand> {
    const { actingEmployeeId, ...report } = input;
    return { type: 'ReportProgress', data: { ...report, reportedBy: actingEmployeeId ?? context.actor.subject, cycleStage, at } };
  }
}
