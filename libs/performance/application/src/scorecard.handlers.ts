import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { scorecardDecider, type ScorecardCommand, type ScoringMethod } from '@tpm/performance-domain';
import { readParentGoal, requireActiveEmployee } from './appraisal.readers';
import { appendDecided, type CommandContext, type CommandResult } from './command-context';
import { scorecardStream } from './performance.streams';

type Scoped = { employeeId: string; period: string };

/** Every scorecard command: the employee must be active, and the unit they are in files the event. */
abstract class ScorecardHandler<Input extends Scoped> {
  constructor(
    protected readonly store: EventStore,
    protected readonly clock: Clock,
  ) {}

  protected abstract command(input: Input, at: string, context: CommandContext): Promise<ScorecardCommand>;

  async handle(input: Input, context: CommandContext): Promise<CommandResult> {
    const employee = await requireActiveEmployee(this.store, input.employeeId);
    const stream = scorecardStream(input.employeeId, input.period);
    const at = this.clock.now().toISOString();
    const command = await this.command(input, at, context);
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
  protected async command({ parentGoalId, ...input }: AssignObjectiveInput, at: string): Promise<ScorecardCommand> {
    const parentGoal = parentGoalId === null ? null : await readParentGoal(this.store, parentGoalId);
    return { type: 'AssignObjective', data: { ...input, parentGoal, at } };
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
  protected async command(input: DefineIndicatorInput, at: string): Promise<ScorecardCommand> {
    return { type: 'DefineIndicator', data: { ...input, at } };
  }
}

export interface AdjustObjectiveWeightsInput extends Scoped {
  weights: { objectiveId: string; weight: number }[];
}
export class AdjustObjectiveWeightsHandler extends ScorecardHandler<AdjustObjectiveWeightsInput> {
  protected async command(input: AdjustObjectiveWeightsInput, at: string): Promise<ScorecardCommand> {
    return { type: 'AdjustObjectiveWeights', data: { ...input, at } };
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
  protected async command(input: ReportProgressInput, at: string, context: CommandContext): Promise<ScorecardCommand> {
    const { actingEmployeeId, ...report } = input;
    return { type: 'ReportProgress', data: { ...report, reportedBy: actingEmployeeId ?? context.actor.subject, at } };
  }
}
