import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { goalDecider } from '@tpm/performance-domain';
import { readParentGoal } from './appraisal.readers';
import { appendDecided, type CommandContext, type CommandResult } from './command-context';
import { requireBusinessUnit } from './org-structure.reader';
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
    await requireBusinessUnit(this.store, input.businessUnitId);
    const parent = await readParentGoal(this.store, input.parentGoalId);
    const stream = goalStream(input.goalId);
    const { state, version } = await this.store.aggregate(stream, goalDecider);
    const at = this.clock.now().toISOString();
    const { goalId, businessUnitId, title } = input;
    const events = goalDecider.decide({ type: 'CascadeGoal', data: { goalId, parent, businessUnitId, title, at } }, state);
    return appendDecided(this.store, stream, events, { expectedVersion: version, context, at, businessUnitId });
  }
}
