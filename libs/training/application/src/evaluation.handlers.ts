import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { evaluationDecider, NotAParticipant, sessionDecider, SessionNotFound, type EvaluationCommand, type ReactionAnswer } from '@tpm/training-domain';
import { evaluationStream, sessionStream } from './training.streams';

/** Only someone who had a seat in the session evaluates it (or is evaluated on it). */
export class EvaluationHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  private async run(
    sessionId: string,
    employeeId: string,
    command: (subject: { sessionId: string; employeeId: string; programId: string }, at: string, endsAt: string) => EvaluationCommand,
    context: CommandContext,
  ): Promise<CommandResult> {
    const { state: session } = await this.store.aggregate(sessionStream(sessionId), sessionDecider);
    if (session.status === 'new') throw new SessionNotFound(sessionId);
    if (!(await this.hadSeat(sessionId, employeeId))) throw new NotAParticipant(sessionId, employeeId);
    const at = this.clock.now().toISOString();
    const subject = { sessionId, employeeId, programId: session.programId };
    const { result } = await execute(this.store, evaluationStream(sessionId, employeeId), evaluationDecider)(() => command(subject, at, session.endsAt), {
      context,
      at,
      businessUnitId: () => session.businessUnitId,
    });
    return result;
  }

  /** Whether the employee ever held a seat: completion removes nobody, so the stream says it. */
  private async hadSeat(sessionId: string, employeeId: string): Promise<boolean> {
    const history = await this.store.readStream(sessionStream(sessionId));
    return history.some((e) => e.type === 'EmployeeEnrolled' && (e.data as { employeeId: string }).employeeId === employeeId);
  }

  reaction(input: { sessionId: string; employeeId: string; answers: ReactionAnswer[]; comment: string | null }, context: CommandContext) {
    return this.run(input.sessionId, input.employeeId, (s, at) => ({ type: 'SubmitReaction', data: { ...s, answers: input.answers, comment: input.comment, at } }), context);
  }
  learningTest(input: { sessionId: string; employeeId: string; phase: 'pre' | 'post'; score: number }, context: CommandContext) {
    return this.run(input.sessionId, input.employeeId, (s, at) => ({ type: 'RecordLearningTest', data: { ...s, phase: input.phase, score: input.score, at } }), context);
  }
  behaviour(input: { sessionId: string; employeeId: string; rating: number; applied: boolean; notes: string }, context: CommandContext) {
    return this.run(
      input.sessionId,
      input.employeeId,
      (s, at, endsAt) => ({ type: 'ObserveBehaviour', data: { ...s, observerId: context.actor.subject, rating: input.rating, applied: input.applied, notes: input.notes, trainingEndedAt: endsAt, at } }),
      context,
    );
  }
}
