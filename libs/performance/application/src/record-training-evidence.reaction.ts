import type { Actor, Clock } from '@tpm/kernel';
import type { TrainingCompleted } from '@tpm/contracts';
import type { EventStore } from '@tpm/event-store';
import { competencyEvidenceDecider } from '@tpm/performance-domain';
import { competencyStream } from './performance.streams';

/** What a reaction knows about the event it turns into its own: ids for its appends, and the chain. */
export interface ReactionContext {
  /** Stable ids for the events this reaction appends (n = 0, 1, …): redelivery re-appends the same ids. */
  eventIdFor(n: number): string;
  /** The consumer as actor, the cause's correlation id, and the cause's event id as causation id. */
  causedBy: { actor: Actor; correlationId: string; causationId: string; traceparent: string | null };
}

/**
 * training.TrainingCompleted -> CompetencyEvidenceRecorded on the employee's competency stream.
 * Only turns the published event into this context's own command; the decider says whether it
 * is news. A redelivered event finds the evidence already recorded (and the ids already stored).
 */
export class RecordTrainingEvidenceReaction {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(event: TrainingCompleted['data'], reaction: ReactionContext): Promise<{ appended: number }> {
    const stream = competencyStream(event.employeeId);
    const { state, version } = await this.store.aggregate(stream, competencyEvidenceDecider);
    const { employeeId, competencies, programId, programVersion, sessionId, examScore, completedAt } = event;
    const at = this.clock.now().toISOString();
    const events = competencyEvidenceDecider.decide(
      { type: 'RecordCompetencyEvidence', data: { employeeId, competencies, programId, programVersion, sessionId, examScore, completedAt, at } },
      state,
    );
    if (events.length === 0) return { appended: 0 };
    await this.store.append(
      stream,
      events.map((e, n) => ({ eventId: reaction.eventIdFor(n), type: e.type, data: e.data, schemaVersion: 1 })),
      {
        expectedVersion: version,
        metadata: {
          ...reaction.causedBy,
          businessUnitId: event.businessUnitId,
          occurredAt: at,
        },
      },
    );
    return { appended: events.length };
  }
}
