import { Inject, Injectable } from '@nestjs/common';
import { currentVersionOf, type Envelope, type TrainingCompleted } from '@tpm/contracts';
import { reactionContext } from '@tpm/event-store';
import { HandlesEvent, type InboxContext } from '@tpm/messaging';
import { RecordTrainingEvidenceReaction } from '@tpm/performance-application';

/** Kafka -> the performance reaction: completed training becomes competency evidence. */
@Injectable()
export class TrainingEvidenceReactions {
  constructor(@Inject(RecordTrainingEvidenceReaction) private readonly reaction: RecordTrainingEvidenceReaction) {}

  @HandlesEvent('training.TrainingCompleted')
  async trainingCompleted(envelope: Envelope, ctx: InboxContext): Promise<void> {
    // Older versions arrive upcast to the current one; a newer one than this build knows cannot be read
    // safely: it fails (and is dead-lettered) until the contracts are upgraded here.
    const known = currentVersionOf(envelope.type);
    if (envelope.schemaVersion !== known) throw new Error(`${envelope.type} v${envelope.schemaVersion} is not understood (this build reads v${known})`);
    const data = envelope.data as TrainingCompleted['data'];
    await this.reaction.handle(data, reactionContext(envelope, { consumer: ctx.consumer }));
  }
}
