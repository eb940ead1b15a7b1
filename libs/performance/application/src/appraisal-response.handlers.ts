import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { appraisalResponseDecider, type ResponseFacts } from '@tpm/performance-domain';
import { cycleFactsFor, loadAppraisal } from './appraisal.readers';
import type { PerformanceReadModel } from './performance-read.model';
import { appraisalResponseStream } from './performance.streams';

type Target = { cycleId: string; employeeId: string };
/** The employee the caller is (from the token), or null: only the appraised employee answers. */
type Acting = { actingEmployeeId: string | null };

/** The employee's answer is gated by the cycle stage and by the appraisal being final, both read here. */
const responseFacts = async (store: EventStore, reads: PerformanceReadModel, { cycleId, employeeId }: Target): Promise<{ businessUnitId: string; facts: ResponseFacts }> => {
  const { cycle, businessUnitId } = await cycleFactsFor(reads, cycleId, employeeId);
  const { state: appraisal } = await loadAppraisal(store, cycleId, employeeId);
  return { businessUnitId, facts: { stage: cycle.stage, finalBand: appraisal.finalized?.ratingBand ?? null, bands: cycle.bands.map((b) => b.name) } };
};

export class AcknowledgeAppraisalHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: Target & Acting, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId } = input;
    const { businessUnitId, facts } = await responseFacts(this.store, this.reads, input);
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, appraisalResponseStream(cycleId, employeeId), appraisalResponseDecider)(
      () => ({ type: 'AcknowledgeAppraisal', data: { cycleId, employeeId, facts, at, by: input.actingEmployeeId } }),
      { context, at, businessUnitId: () => businessUnitId },
    );
    return result;
  }
}

export class DisputeAppraisalHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: Target & Acting & { reason: string }, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId } = input;
    const { businessUnitId, facts } = await responseFacts(this.store, this.reads, input);
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, appraisalResponseStream(cycleId, employeeId), appraisalResponseDecider)(
      () => ({ type: 'DisputeAppraisal', data: { cycleId, employeeId, facts, at, by: input.actingEmployeeId, reason: input.reason } }),
      { context, at, businessUnitId: () => businessUnitId },
    );
    return result;
  }
}

export interface ResolveAppraisalDisputeInput extends Target {
  resolution: 'upheld' | 'amended';
  toBand: string | null;
  note: string;
}
export class ResolveAppraisalDisputeHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: ResolveAppraisalDisputeInput, context: CommandContext): Promise<CommandResult> {
    const { cycleId, employeeId, resolution, toBand, note } = input;
    const { businessUnitId, facts } = await responseFacts(this.store, this.reads, input);
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, appraisalResponseStream(cycleId, employeeId), appraisalResponseDecider)(
      () => ({ type: 'ResolveAppraisalDispute', data: { cycleId, employeeId, facts, at, resolution, toBand, note, resolvedBy: context.actor.subject } }),
      { context, at, businessUnitId: () => businessUnitId },
    );
    return result;
  }
}
