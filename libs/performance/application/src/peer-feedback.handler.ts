import type { Actor, Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { peerFeedbackDecider } from '@tpm/performance-domain';
import { cycleFactsFor } from './appraisal.readers';
import { peerFeedbackStream } from './performance.streams';

/** Stored as the author of anonymous feedback, so that not even the event metadata names the reviewer. */
export const ANONYMOUS_REVIEWER: Actor = { subject: 'anonymous-reviewer', roles: [] };

export interface SubmitPeerFeedbackInput {
  cycleId: string;
  employeeId: string;
  /** The caller's idempotency key: a retried request with the same id writes nothing twice. */
  feedbackId: string;
  relation: 'peer' | 'upward';
  anonymous: boolean;
  rating: number;
  comment: string;
  /** The reviewer: the employee the caller is (from the token), or null. */
  actingEmployeeId: string | null;
}

export class SubmitPeerFeedbackHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: SubmitPeerFeedbackInput, context: CommandContext): Promise<CommandResult> {
    const { cycle, facts } = await cycleFactsFor(this.store, input.cycleId, input.employeeId);
    const at = this.clock.now().toISOString();
    const { actingEmployeeId: reviewerId, ...feedback } = input;
    // Anonymity must hold in the audit trail too: the reviewer's identity never reaches the store.
    const author: CommandContext = input.anonymous ? { ...context, actor: ANONYMOUS_REVIEWER } : context;
    const { result } = await execute(this.store, peerFeedbackStream(input.cycleId, input.employeeId), peerFeedbackDecider)(
      () => ({ type: 'SubmitPeerFeedback', data: { ...feedback, stage: facts.stage, reviewerId, at } }),
      { context: author, at, businessUnitId: () => cycle.participants[input.employeeId] ?? null },
    );
    return result;
  }
}
