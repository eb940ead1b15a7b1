import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { BusinessUnitNotFound, goalDecider, isWithin } from '@tpm/performance-domain';
import { readParentGoal } from './appraisal.readers';
import { loadOrgStructure } from './org-structure.reader';
import { goalStream } from './performance.streams';

export interface SetStrategicGoalInput {
  goalId: string;
  period: string;
  title: string;
}

export class SetStrategicGoalHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: SetStrategicGoalInput, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, goalStream(input.goalId), goalDecider)(() => ({ type: 'SetStrategicGoal', data: { ...input, setBy: context.actor.subject, at } }), {
      context,
      at,
      businessUnitId: () => null,
    });
    return result;
  }
}

export interface CascadeGoalInput {
  goalId: string;
  parentGoalId: string;
  businessUnitId: string;
  title: string;
}

export class CascadeGoalHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: CascadeGoalInput, context: CommandContext): Promise<CommandResult> {
    const { state: org } = await loadOrgStructure(this.store);
    if (!org.units.has(input.businessUnitId)) throw new BusinessUnitNotFound(input.businessUnitId);
    const parent = await readParentGoal(this.store, input.parentGoalId);
    // The tree as it is now: a unit re-parented later keeps the goals it already holds.
    const withinParentUnit = parent.businessUnitId === null || isWithin(org, input.businessUnitId, parent.businessUnitId);
    const at = this.clock.now().toISOString();
    const { goalId, businessUnitId, title } = input;
    const { result } = await execute(this.store, goalStream(goalId), goalDecider)(() => ({ type: 'CascadeGoal', data: { goalId, parent, businessUnitId, withinParentUnit, title, at } }), {
      context,
      at,
      businessUnitId: () => businessUnitId,
    });
    return result;
  }
}
