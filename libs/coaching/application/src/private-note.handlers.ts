import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { EngagementClosedAlready, engagementDecider, EngagementNotFound, privateNoteDecider, PrivateNoteNotFound, type PrivateNote } from '@tpm/coaching-domain';
import { engagementStream, privateNoteStream } from './coaching.streams';

const unitOf = (s: PrivateNote) => (s.status === 'none' ? null : s.businessUnitId);

/**
 * A coach's private note on an engagement. The author is the caller's subject; the text is the
 * coachee's personal data, encrypted under the coachee's key by the store (ADR 0022).
 */
export class PrivateNoteHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async write(input: { noteId: string; engagementId: string; text: string }, context: CommandContext): Promise<CommandResult> {
    const { state: engagement } = await this.store.aggregate(engagementStream(input.engagementId), engagementDecider);
    if (engagement.status === 'none') throw new EngagementNotFound(input.engagementId);
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, privateNoteStream(input.noteId), privateNoteDecider)(
      (s) => {
        if (s.status === 'none' && engagement.status === 'closed') throw new EngagementClosedAlready();
        return {
          type: 'WritePrivateNote',
          data: { ...input, authorId: context.actor.subject, coacheeId: engagement.coacheeId, businessUnitId: engagement.businessUnitId, at },
        };
      },
      { context, at, businessUnitId: () => engagement.businessUnitId },
    );
    return result;
  }

  async revise(noteId: string, text: string, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, privateNoteStream(noteId), privateNoteDecider)(
      (s) => {
        if (s.status === 'none') throw new PrivateNoteNotFound(noteId);
        return { type: 'RevisePrivateNote', data: { text, by: context.actor.subject, at } };
      },
      { context, at, businessUnitId: unitOf },
    );
    return result;
  }
}
