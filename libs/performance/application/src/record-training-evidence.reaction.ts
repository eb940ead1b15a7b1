import type { Clock } from '@tpm/kernel';
import type { TrainingCompleted } from '@tpm/contracts';
import { execute, type CommandContext, type EventStore } from '@tpm/event-store';
import { competencyEvidenceDecider } from '@tpm/performance-domain';
import { competencyStream } from './performance.streams';

/**
 * training.TrainingCompleted -> CompetencyEvidenceRecorded on the employee's competency stream.
 * Only turns the published event into this context's own command; the decider says whether it
 * is news. The context comes from `reactionContext` (`@tpm/event-store`): a redelivered event
 * finds the evidence already recorded (and the ids already stored).
 */
export class RecordTrainingEvidenceReaction {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(event: TrainingCompleted['data'], context: CommandContext): Promise<{ appended: number }> {
    const { employeeId, competencies, programId, programVersion, sessionId, examScore, completedAt } = event;
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, competencyStream(employeeId), competencyEvidenceDecider)(
      () => ({ type: 'RecordCompetencyEvidence', data: { employeeId, competencies, programId, programVersion, sessionId, examScore, completedAt, at } }),
      { context, at, businessUnitId: () => event.businessUnitId },
    );
    return { appended: result.appended };
  }
}
