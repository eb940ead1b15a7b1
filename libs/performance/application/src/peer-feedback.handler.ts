import { randomUUID } from 'node:crypto';
import type { Actor, Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { FeedbackAlreadyGiven, feedbackNominationDecider, isApprovedReviewer, peerFeedbackDecider, type ReviewerStanding } from '@tpm/performance-domain';
import { cycleFactsFor } from './appraisal.readers';
import { loadEmployee } from './employee.reader';
import type { AnonymousFeedbackHoldingArea, Ballot } from './peer-feedback.holding-area';
import type { PerformanceReadModel } from './performance-read.model';
import { feedbackNominationStream, peerFeedbackStream } from './performance.streams';

/** Stored as the author of anonymous feedback, so that not even the event metadata names the reviewer. */
export const ANONYMOUS_REVIEWER: Actor = { subject: 'anonymous-reviewer', roles: [] };

export interface SubmitPeerFeedbackInput {
  cycleId: string;
  employeeId: string;
  /** The caller's idempotency key: a retried request with the same id writes nothing twice. */
  feedbackId: string;
  relation: 'peer' | 'upward';
  rating: number;
  comment: string;
  /** The reviewer: the employee the caller is (from the token), or null. */
  actingEmployeeId: string | null;
}

/** Who the reviewer is to this appraisal: an approved nominee (peer), a direct report (upward), from the org this service keeps. */
const eligibility = async (store: EventStore, input: SubmitPeerFeedbackInput): Promise<Omit<ReviewerStanding, 'sealed'>> => {
  const reviewerId = input.actingEmployeeId;
  if (reviewerId === null) return { approvedNominee: false, reportsToReviewee: false };
  const nominations = await store.aggregate(feedbackNominationStream(input.cycleId, input.employeeId), feedbackNominationDecider);
  const reviewer = await loadEmployee(store, reviewerId);
  return {
    approvedNominee: isApprovedReviewer(nominations.state, reviewerId),
    reportsToReviewee: reviewer.state.status === 'active' && reviewer.state.managerId === input.employeeId,
  };
};

const ballotOf = (input: SubmitPeerFeedbackInput, reviewerId: string): Ballot => ({ cycleId: input.cycleId, employeeId: input.employeeId, reviewerId, feedbackId: input.feedbackId });

/** Named 360 feedback: appended at once, with its reviewer and the request's trace. */
export class SubmitPeerFeedbackHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly holding: AnonymousFeedbackHoldingArea,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: SubmitPeerFeedbackInput, context: CommandContext): Promise<CommandResult> {
    const { actingEmployeeId: reviewerId, ...feedback } = input;
    // Under the holding area's shared lock: a concurrent anonymous entry by the same reviewer cannot slip past.
    return this.holding.sealing(input.cycleId, async (box) => {
      const { facts, businessUnitId } = await cycleFactsFor(this.reads, input.cycleId, input.employeeId);
      const at = this.clock.now().toISOString();
      const standing: ReviewerStanding = { ...(await eligibility(this.store, input)), sealed: reviewerId ? await box.sealed(ballotOf(input, reviewerId)) : 'no' };
      const { result } = await execute(this.store, peerFeedbackStream(input.cycleId, input.employeeId), peerFeedbackDecider)(
        () => ({ type: 'SubmitPeerFeedback', data: { ...feedback, anonymous: false, stage: facts.stage, reviewerId, at, standing } }),
        { context, at, businessUnitId: () => businessUnitId },
      );
      return result;
    });
  }
}

/**
 * Anonymous 360 feedback: sealed into the holding area under a keyed hash of reviewer and appraisal
 * (one entry each), appended only by the release after review. It takes no CommandContext on
 * purpose: nothing of the request (correlation id, trace, actor) may reach what is stored.
 */
export class SubmitAnonymousFeedbackHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly holding: AnonymousFeedbackHoldingArea,
    private readonly reads: PerformanceReadModel,
  ) {}

  async handle(input: SubmitPeerFeedbackInput): Promise<{ held: boolean }> {
    const reviewerId = input.actingEmployeeId;
    return this.holding.sealing(input.cycleId, async (box) => {
      // Read inside the lock: once the release holds it, the stage is past review and this refuses.
      const { facts } = await cycleFactsFor(this.reads, input.cycleId, input.employeeId);
      const { state } = await this.store.aggregate(peerFeedbackStream(input.cycleId, input.employeeId), peerFeedbackDecider);
      const ballot = reviewerId ? ballotOf(input, reviewerId) : null;
      const standing: ReviewerStanding = { ...(await eligibility(this.store, input)), sealed: ballot ? await box.sealed(ballot) : 'no' };
      const { actingEmployeeId: _reviewer, ...feedback } = input;
      // No append here, so no `execute`: the one decided event goes to the holding area, not the log.
      const decided = peerFeedbackDecider.decide(
        { type: 'SubmitPeerFeedback', data: { ...feedback, anonymous: true, stage: facts.stage, reviewerId, at: this.clock.now().toISOString(), standing } },
        state,
      );
      const sealed = decided.find((e) => e.type === 'AnonymousFeedbackSealed');
      if (!sealed || !ballot) return { held: false };
      const { cycleId: _c, ...entry } = sealed.data;
      if (!(await box.hold(ballot, { eventId: randomUUID(), feedbackId: randomUUID(), ...entry }))) throw new FeedbackAlreadyGiven(input.employeeId);
      return { held: true };
    });
  }
}
