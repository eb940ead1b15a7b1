import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { prerequisiteCycle, PrerequisiteCycle, programDecider, ProgramNotFound, type Program, type ProgramDefinition } from '@tpm/training-domain';

/** Every program event is stamped with its owning unit (null: the organization's). */
const ownerOf = (s: Program) => (s.status === 'new' ? null : s.businessUnitId);
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
    const { result } = await execute(this.store, programStream(input.programId), programDecider)(() => ({ type: 'DefineProgram', data: { ...input, at } }), {
      context,
      at,
      businessUnitId: () => input.businessUnitId,
    });
    return result;
  }
}

export type ProgramRevision = { programId: string; changes: Partial<Omit<ProgramDefinition, 'programId' | 'businessUnitId'>>; reviewId: string | null };

/** The revision with the program as it stands after it: a review closes naming the new version. */
export const reviseProgram = async (store: EventStore, clock: Clock, input: ProgramRevision, context: CommandContext) => {
  if (input.changes.prerequisites) await checkPrerequisites(store, input.programId, input.changes.prerequisites);
  const at = clock.now().toISOString();
  return execute(store, programStream(input.programId), programDecider)(() => ({ type: 'ReviseProgram', data: { ...input, at } }), {
    context,
    at,
    businessUnitId: ownerOf,
  });
};

export class ReviseProgramHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}
  async handle(input: ProgramRevision, context: CommandContext): Promise<CommandResult> {
    return (await reviseProgram(this.store, this.clock, input, context)).result;
  }
}
