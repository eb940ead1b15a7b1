import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import {
  engagementDecider,
  EngagementNotActive,
  EngagementNotFound,
  sessionDecider,
  SessionNotFound,
  uncoveredPoints,
  type AgendaSide,
  type CoachingQuestion,
  type Session,
  type SessionCommand,
  type SessionKind,
} from '@tpm/coaching-domain';
import { engagementStream, sessionStream } from './coaching.streams';
import type { SessionHistory } from './ports';

const unitOf = (s: Session) => (s.status === 'none' ? null : s.businessUnitId);

/**
 * The 1:1s of an engagement. Scheduling one opens its agenda with what the last ended session left
 * uncovered (read from that session's own stream, the text as its store returns it) and lists the
 * engagement's open action items, so nothing agreed or raised is lost between meetings.
 */
export class SessionHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly history: SessionHistory,
  ) {}

  private async run(sessionId: string, command: (at: string, s: Session) => SessionCommand, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, sessionStream(sessionId), sessionDecider)(
      (s) => {
        if (s.status === 'none') throw new SessionNotFound(sessionId);
        return command(at, s);
      },
      { context, at, businessUnitId: unitOf },
    );
    return result;
  }

  async schedule(input: { sessionId: string; engagementId: string; kind: SessionKind; scheduledFor: string }, context: CommandContext): Promise<CommandResult> {
    const { state: engagement } = await this.store.aggregate(engagementStream(input.engagementId), engagementDecider);
    if (engagement.status === 'none') throw new EngagementNotFound(input.engagementId);
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, sessionStream(input.sessionId), sessionDecider)(
      async (s) => {
        if (s.status !== 'none') return { type: 'ScheduleSession', data: { ...s, carriedOver: [], carriedActionItems: [], at } };
        if (engagement.status !== 'active') throw new EngagementNotActive(engagement.status);
        const last = await this.history.lastEndedSession(input.engagementId);
        const previous = last ? (await this.store.aggregate(sessionStream(last), sessionDecider)).state : null;
        const carriedOver = previous ? uncoveredPoints(previous).map((p) => ({ ...p, fromSessionId: p.fromSessionId ?? last })) : [];
        const carriedActionItems = await this.history.openActionItems(input.engagementId);
        return {
          type: 'ScheduleSession',
          data: {
            ...input,
            coacheeId: engagement.coacheeId,
            coachId: engagement.coachId,
            businessUnitId: engagement.businessUnitId,
            carriedOver,
            carriedActionItems: carriedActionItems.filter((a) => a.fromSessionId !== input.sessionId),
            at,
          },
        };
      },
      { context, at, businessUnitId: () => engagement.businessUnitId },
    );
    return result;
  }

  addTalkingPoint(sessionId: string, input: { pointId: string; text: string; side: AgendaSide }, context: CommandContext) {
    return this.run(sessionId, (at) => ({ type: 'AddTalkingPoint', data: { ...input, addedBy: context.actor.subject, at } }), context);
  }
  answer(sessionId: string, answers: Partial<Record<CoachingQuestion, string>>, context: CommandContext) {
    return this.run(sessionId, (at) => ({ type: 'AnswerCoachingQuestions', data: { answers, by: context.actor.subject, at } }), context);
  }
  praise(sessionId: string, input: { praiseId: string; behaviour: string; example: string }, context: CommandContext) {
    return this.run(sessionId, (at) => ({ type: 'GivePraise', data: { ...input, by: context.actor.subject, at } }), context);
  }
  addActionItem(sessionId: string, input: { actionItemId: string; text: string; ownerId: string; dueOn: string }, context: CommandContext) {
    return this.run(sessionId, (at) => ({ type: 'AddActionItem', data: { ...input, at } }), context);
  }
  completeActionItem(sessionId: string, actionItemId: string, context: CommandContext) {
    return this.run(sessionId, (at) => ({ type: 'CompleteActionItem', data: { actionItemId, by: context.actor.subject, at } }), context);
  }
  hold(sessionId: string, input: { durationMinutes: number; coveredPointIds: string[]; objectiveProgress: { objectiveId: string; completion: number }[]; heldAt?: string }, context: CommandContext) {
    return this.run(sessionId, (at) => ({ type: 'HoldSession', data: { ...input, heldAt: input.heldAt ?? at, at } }), context);
  }
  cancel(sessionId: string, reason: string, context: CommandContext) {
    return this.run(sessionId, (at) => ({ type: 'CancelSession', data: { reason, at } }), context);
  }
}
