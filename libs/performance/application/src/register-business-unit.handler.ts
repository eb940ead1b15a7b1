import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { orgStructureDecider } from '@tpm/performance-domain';
import { ORG_STRUCTURE_STREAM } from './org.streams';
import { loadOrgStructure } from './org-structure.reader';
import { writeOrgStructure } from './org-structure.writer';

export interface RegisterBusinessUnitInput {
  businessUnitId: string;
  name: string;
  parentId: string | null;
}

export class RegisterBusinessUnitHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: RegisterBusinessUnitInput, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await writeOrgStructure(async () =>
      execute(this.store, ORG_STRUCTURE_STREAM, orgStructureDecider)(() => ({ type: 'RegisterBusinessUnit', data: { ...input, at } }), {
        context,
        at,
        loaded: await loadOrgStructure(this.store),
        businessUnitId: () => input.businessUnitId,
      }),
    );
    return result;
  }
}
