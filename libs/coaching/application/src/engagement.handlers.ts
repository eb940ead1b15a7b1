import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import {
  engagementDecider,
  EngagementNotFound,
  recommendStyle,
  type CoachingStyle,
  type CoachKind,
  type Engagement,
  type EngagementCadence,
  type EngagementCommand,
  type EngagementOutcome,
  type StyleTrigger,
} from '@tpm/coaching-domain';
import { EmployeeInactive, EmployeeUnknown } from './coaching.errors';
import { engagementStream } from './coaching.streams';
import type { EmployeeDirectory, StyleEvidence } from './ports';

const unitOf = (s: Engagement) => (s.status === 'none' ? null : s.businessUnitId);

export interface StartEngagementInput {
  engagementId: string;
  coachId: string;
  coachKind: CoachKind;
  coacheeId: string;
  goals: string[];
  cycleId: string | null;
  cadence: EngagementCadence;
}

/** Every engagement command: load, stamp the time, decide, append at the loaded version. */
export class EngagementHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly directory: EmployeeDirectory,
    private readonly evidence: StyleEvidence,
  ) {}

  private async run(engagementId: string, command: (at: string, s: Engagement) => EngagementCommand | Promise<EngagementCommand>, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, engagementStream(engagementId), engagementDecider)(
      (s) => {
        if (s.status === 'none') throw new EngagementNotFound(engagementId);
        return command(at, s);
      },
      { context, at, businessUnitId: unitOf },
    );
    return result;
  }

  /** The engagement belongs to the coachee's current unit; its first style comes from the evidence already here. */
  async start(input: StartEngagementInput, context: CommandContext): Promise<CommandResult> {
    const coachee = await this.directory.employee(input.coacheeId);
    if (!coachee) throw new EmployeeUnknown(input.coacheeId);
    if (!coachee.active) throw new EmployeeInactive(input.coacheeId);
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, engagementStream(input.engagementId), engagementDecider)(
      () => ({ type: 'StartEngagement', data: { ...input, businessUnitId: coachee.businessUnitId, at } }),
      { context, at, businessUnitId: () => coachee.businessUnitId },
    );
    if (result.appended === 0) return result;
    return this.reevaluate(input.engagementId, 'engagement-started', null, { ...context, eventIdFor: context.eventIdFor && ((n) => context.eventIdFor!(100 + n)) });
  }

  /** Recomputes the style from the evidence now; appends only when the recommendation changed. */
  async reevaluate(engagementId: string, trigger: StyleTrigger, triggerRef: string | null, context: CommandContext): Promise<CommandResult> {
    return this.run(
      engagementId,
      async (at, s) => {
        const inputs = s.status === 'none' ? null : await this.evidence.inputsFor(engagementId, s.coacheeId);
        return { type: 'RecommendStyle', data: { recommendation: recommendStyle(inputs!), trigger, triggerRef, at } };
      },
      context,
    );
  }

  override(engagementId: string, input: { style: CoachingStyle; reason: string }, context: CommandContext) {
    return this.run(engagementId, (at) => ({ type: 'OverrideStyle', data: { ...input, by: context.actor.subject, at } }), context);
  }
  pause(engagementId: string, context: CommandContext) {
    return this.run(engagementId, (at) => ({ type: 'PauseEngagement', data: { at } }), context);
  }
  resume(engagementId: string, context: CommandContext) {
    return this.run(engagementId, (at) => ({ type: 'ResumeEngagement', data: { at } }), context);
  }
  close(engagementId: string, outcome: EngagementOutcome, context: CommandContext) {
    return this.run(engagementId, (at) => ({ type: 'CloseEngagement', data: { outcome, at } }), context);
  }
  move(engagementId: string, toBusinessUnitId: string, context: CommandContext) {
    return this.run(engagementId, (at) => ({ type: 'MoveEngagement', data: { toBusinessUnitId, at } }), context);
  }
}
