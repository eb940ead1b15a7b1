import type { Actor, Clock } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { peerFeedbackDecider } from '@tpm/performance-domain';
import { cycleFactsFor } from './appraisal.readers';
import { appendDecided, type CommandContext, type CommandResult } from './command-context';
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
    const stream = peerFeedbackStream(input.cycleId, input.employeeId);
    const { state, version } = await this.store.aggregate(stream, peerFeedbackDecider);
    const at = this.clock.now().toISOString();
    const { actingEmployeeId: reviewerId, ...feedback } = input;
    const events = peerFeedbackDecider.decide({ type: 'SubmitPeerFeedback', data: { ...feedback, stage: facts.stage, reviewerId, at } }, state);
    // Anonymity must hold in the audit trail too: the reviewer's identity never reaches the store.
    const author: CommandContext = input.anonymous ? { ...context, actor: ANONYMOUS_REVIEWER } : context;
    return appendDecided(this.store, stream, events, { expectedVersion: version, context: author, at, businessUnitId: cycle.participants[input.employeeId] ?? null });
  }
}
