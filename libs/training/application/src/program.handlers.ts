import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { prerequisiteCycle, PrerequisiteCycle, programDecider, ProgramNotFound, type ProgramDefinition } from '@tpm/training-domain';
import { execute, type CommandContext, type CommandResult } from './command-context';
import { programStream } from './training.streams';

export const loadProgram = async (store: EventStore, programId: string) => {
  const { state } = await store.aggregate(programStream(programId), programDecider);
  if (state.status === 'new') throw new ProgramNotFound(programId);
  return state;
};

/** Prerequisites must exist and never form a cycle: that spans programs, so it is checked here. */
const checkPrerequisites = async (store: EventStore, programId: string, prerequisites: string[]) => {
  const graph = new Map<string, string[]>();
  const visit = async (id: string): Promise<void> => {
    if (graph.has(id) || id === programId) return;
    const p = await loadProgram(store, id);
    graph.set(id, p.prerequisites);
    for (const next of p.prerequisites) await visit(next);
  };
  for (const p of prerequisites) await visit(p);
  const cycle = prerequisiteCycle(programId, prerequisites, (id) => graph.get(id) ?? []);
  if (cycle) throw new PrerequisiteCycle(programId, cycle);
};

export class DefineProgramHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: ProgramDefinition, context: CommandContext): Promise<CommandResult> {
    await checkPrerequisites(this.store, input.programId, input.prerequisites);
    const at = this.clock.now().toISOString();
    return execute(this.store, programStream(input.programId), programDecider)(() => ({ type: 'DefineProgram', data: { ...input, at } }), {
      context,
      at,
      businessUnitId: () => null,
    });
  }
}

export class ReviseProgramHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: { programId: string; changes: Partial<Omit<ProgramDefinition, 'programId'>>; reviewId: string | null }, context: CommandContext) {
    if (input.changes.prerequisites) await checkPrerequisites(this.store, input.programId, input.changes.prerequisites);
    const at = this.clock.now().toISOString();
    return execute(this.store, programStream(input.programId), programDecider)(() => ({ type: 'ReviseProgram', data: { ...input, at } }), {
      context,
      at,
      businessUnitId: () => null,
    });
  }
}
