import { Inject, Injectable } from '@nestjs/common';
import type { Envelope, TrainingCompleted } from '@tpm/contracts';
import { reactionContext } from '@tpm/event-store';
import { HandlesEvent, type InboxContext } from '@tpm/messaging';
import { RecordTrainingEvidenceReaction } from '@tpm/performance-application';

/** Kafka -> the performance reaction: completed training becomes competency evidence. */
@Injectable()
export class TrainingEvidenceReactions {
  constructor(@Inject(RecordTrainingEvidenceReaction) private readonly reaction: RecordTrainingEvidenceReaction) {}

  @HandlesEvent('training.TrainingCompleted')
  async trainingCompleted(envelope: Envelope, ctx: InboxContext): Promise<void> {
    // v1 is the only version yet; a newer one must come with its upcaster before it is read here.
    if (envelope.schemaVersion !== 1) throw new Error(`training.TrainingCompleted v${envelope.schemaVersion} is not understood`);
    const data = envelope.data as TrainingCompleted['data'];
    await this.reaction.handle(data, reactionContext(envelope, { consumer: ctx.consumer }));
  }
}
