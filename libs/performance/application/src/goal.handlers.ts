import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { BusinessUnitNotFound, goalDecider, isWithin } from '@tpm/performance-domain';
import { readParentGoal } from './appraisal.readers';
import { appendDecided, type CommandContext, type CommandResult } from './command-context';
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
    const stream = goalStream(input.goalId);
    const { state, version } = await this.store.aggregate(stream, goalDecider);
    const at = this.clock.now().toISOString();
    const events = goalDecider.decide({ type: 'SetStrategicGoal', data: { ...input, setBy: context.actor.subject, at } }, state);
    return appendDecided(this.store, stream, events, { expectedVersion: version, context, at, businessUnitId: null });
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
    const stream = goalStream(input.goalId);
    const { state, version } = await this.store.aggregate(stream, goalDecider);
    const at = this.clock.now().toISOString();
    const { goalId, businessUnitId, title } = input;
    const events = goalDecider.decide({ type: 'CascadeGoal', data: { goalId, parent, businessUnitId, withinParentUnit, title, at } }, state);
    return appendDecided(this.store, stream, events, { expectedVersion: version, context, at, businessUnitId });
  }
}
