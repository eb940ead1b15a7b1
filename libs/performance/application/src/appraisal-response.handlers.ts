import type { Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { appraisalResponseDecider, type AppraisalResponseCommand, type ResponseFacts } from '@tpm/performance-domain';
import { cycleFactsFor, loadAppraisal } from './appraisal.readers';
import { appendDecided, type CommandContext, type CommandResult } from './command-context';
import { appraisalResponseStream } from './performance.streams';

type Target = { cycleId: string; employeeId: string };
/** The employee the caller is (from the token), or null: only the appraised employee answers. */
type Acting = { actingEmployeeId: string | null };
type Base = Target & { facts: ResponseFacts; at: string };

/** The employee's answer: gated by the cycle stage and by the appraisal being final, both read here. */
abstract class AppraisalResponseHandler<Input extends Target> {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  protected abstract command(input: Input, base: Base, context: CommandContext): AppraisalResponseCommand;

  async handle(input: Input, context: CommandContext): Promise<CommandResult> {
    const { cycle } = await cycleFactsFor(this.store, input.cycleId, input.employeeId);
    const { state: appraisal } = await loadAppraisal(this.store, input.cycleId, input.employeeId);
    const facts: ResponseFacts = { stage: cycle.stage, finalBand: appraisal.finalized?.ratingBand ?? null, bands: cycle.bands.map((b) => b.name) };
    const stream = appraisalResponseStream(input.cycleId, input.employeeId);
    const { state, version } = await this.store.aggregate(stream, appraisalResponseDecider);
    const at = this.clock.now().toISOString();
    const events = appraisalResponseDecider.decide(this.command(input, { cycleId: input.cycleId, employeeId: input.employeeId, facts, at }, context), state);
    return appendDecided(this.store, stream, events, { expectedVersion: version, context, at, businessUnitId: cycle.participants[input.employeeId] ?? null });
  }
}

export class AcknowledgeAppraisalHandler extends AppraisalResponseHandler<Target & Acting> {
  protected command(input: Target & Acting, base: Base): AppraisalResponseCommand {
    return { type: 'AcknowledgeAppraisal', data: { ...base, by: input.actingEmployeeId } };
  }
}

export class DisputeAppraisalHandler extends AppraisalResponseHandler<Target & Acting & { reason: string }> {
  protected command(input: Target & Acting & { reason: string }, base: Base): AppraisalResponseCommand {
    return { type: 'DisputeAppraisal', data: { ...base, by: input.actingEmployeeId, reason: input.reason } };
  }
}

export interface ResolveAppraisalDisputeInput extends Target {
  resolution: 'upheld' | 'amended';
  toBand: string | null;
  note: string;
}
export class ResolveAppraisalDisputeHandler extends AppraisalResponseHandler<ResolveAppraisalDisputeInput> {
  protected command(input: ResolveAppraisalDisputeInput, base: Base, context: CommandContext): AppraisalResponseCommand {
    const { resolution, toBand, note } = input;
    return { type: 'ResolveAppraisalDispute', data: { ...base, resolution, toBand, note, resolvedBy: context.actor.subject } };
  }
}
