import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { orgStructureDecider } from '@tpm/performance-domain';
import { appendDecided, type CommandContext, type CommandResult } from './command-context';
import { ORG_STRUCTURE_STREAM } from './org.streams';

export interface RenameBusinessUnitInput {
  businessUnitId: string;
  name: string;
}

export class RenameBusinessUnitHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: RenameBusinessUnitInput, context: CommandContext): Promise<CommandResult> {
    const { state, version } = await this.store.aggregate(ORG_STRUCTURE_STREAM, orgStructureDecider);
    const at = this.clock.now().toISOString();
    const events = orgStructureDecider.decide({ type: 'RenameBusinessUnit', data: { ...input, at } }, state);
    return appendDecided(this.store, ORG_STRUCTURE_STREAM, events, { expectedVersion: version, context, at, businessUnitId: input.businessUnitId });
  }
}
