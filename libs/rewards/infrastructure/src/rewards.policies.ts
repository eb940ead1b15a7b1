import { deterministicUuid, reactionContext, type CommandContext, type EventStore, type RecordedEvent } from '@tpm/event-store';
import { systemActor, type Clock } from '@tpm/kernel';
import type { EventPolicy } from '@tpm/projections';
import { FlagLateGrantHandler, GrantRewardHandler, grantStream, proposalStream, ReleaseBudgetHandler } from '@tpm/rewards-application';
import { proposalDecider, type GrantEvent, type ProposalEvent } from '@tpm/rewards-domain';
import { cancelDeadlines, scheduleDeadline, type Deadline } from '@tpm/scheduler';

export const GRANT_DUE = 'rewards.grant-due';
export interface GrantDuePayload {
  grantId: string;
  correlationId: string;
}
export const grantDeadlineId = (grantId: string) => deterministicUuid('grant-due', grantId);

const contextFrom = (e: RecordedEvent, purpose: string): CommandContext => reactionContext({ eventId: e.eventId, ...e.metadata }, { consumer: 'rewards-process', purpose });
type Of<T extends (ProposalEvent | GrantEvent)['type']> = Extract<ProposalEvent | GrantEvent, { type: T }>['data'];

/** The day after the due date, at midnight UTC: a grant paid on its due date is on time. */
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString();

/**
 * The rewards process between its own aggregates: a final approval grants the reward; a grant
 * schedules its due-date deadline, cancelled when it is paid or revoked; a rejected or withdrawn
 * proposal and a revoked grant give their reservation back to the unit's budget.
 */
export const rewardsPolicies =
  (store: EventStore, clock: Clock): EventPolicy =>
  async (e, tx) => {
    switch (e.type) {
      case 'RewardApproved': {
        const d = e.data as Of<'RewardApproved'>;
        if (d.final) await new GrantRewardHandler(store, clock).handle({ proposalId: d.proposalId }, contextFrom(e, 'grant'));
        return;
      }
      case 'RewardRejected':
      case 'ProposalWithdrawn': {
        const { proposalId } = e.data as Of<'RewardRejected'>;
        const { state } = await store.aggregate(proposalStream(proposalId), proposalDecider);
        if (!('provenance' in state)) return;
        await new ReleaseBudgetHandler(store, clock).handle(
          { budgetUnitId: state.provenance.budgetUnitId, cycleId: state.header.cycleId, proposalId, reason: e.type === 'RewardRejected' ? 'rejected' : 'withdrawn' },
          contextFrom(e, 'release'),
        );
        return;
      }
      case 'RewardGranted': {
        const d = e.data as Of<'RewardGranted'>;
        const deadline: Deadline<GrantDuePayload> = { deadlineId: grantDeadlineId(d.grantId), stream: grantStream(d.grantId), kind: GRANT_DUE, dueAt: dayAfter(d.dueOn), payload: { grantId: d.grantId, correlationId: e.metadata.correlationId } };
        await scheduleDeadline(tx, deadline);
        return;
      }
      case 'RewardPaid': {
        await cancelDeadlines(tx, { stream: grantStream((e.data as Of<'RewardPaid'>).grantId) }, clock.now());
        return;
      }
      case 'RewardRevoked': {
        const d = e.data as Of<'RewardRevoked'>;
        await cancelDeadlines(tx, { stream: grantStream(d.grantId) }, clock.now());
        await new ReleaseBudgetHandler(store, clock).handle({ budgetUnitId: d.budgetUnitId, cycleId: d.cycleId, proposalId: d.proposalId, reason: 'revoked' }, contextFrom(e, 'release'));
        return;
      }
      default:
        return;
    }
  };

export const REWARDS_PROCESS_TYPES = ['RewardApproved', 'RewardRejected', 'ProposalWithdrawn', 'RewardGranted', 'RewardPaid', 'RewardRevoked'];

/** The due-date deadline: flags a grant still unpaid, in the grant's chain, with ids derived from the deadline. */
export const grantDueHandler = (store: EventStore, clock: Clock) => async (deadline: Deadline) => {
  const p = deadline.payload as GrantDuePayload;
  await new FlagLateGrantHandler(store, clock).handle(
    { grantId: p.grantId },
    { actor: systemActor('rewards-scheduler'), correlationId: p.correlationId, causationId: null, eventIdFor: (n) => deterministicUuid('deadline', deadline.deadlineId, n) },
  );
};
