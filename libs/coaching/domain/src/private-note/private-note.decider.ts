import { assertNever, type Decider } from '@tpm/kernel';
import type { PrivateNoteCommand } from './private-note.commands';
import { NotTheNoteAuthor, PrivateNoteNotFound } from './private-note.errors';
import type { PrivateNoteEvent, PrivateNoteSubject } from './private-note.events';

export type PrivateNote = { status: 'none' } | (PrivateNoteSubject & { status: 'written'; text: string; writtenAt: string; revisedAt: string | null; revisions: number });

const decide = (cmd: PrivateNoteCommand, s: PrivateNote): PrivateNoteEvent[] => {
  switch (cmd.type) {
    case 'WritePrivateNote':
      return s.status === 'none' ? [{ type: 'PrivateNoteWritten', data: { ...cmd.data } }] : [];
    case 'RevisePrivateNote': {
      if (s.status === 'none') throw new PrivateNoteNotFound('unknown');
      if (s.authorId !== cmd.data.by) throw new NotTheNoteAuthor();
      if (s.text === cmd.data.text) return [];
      const { noteId, engagementId, authorId, coacheeId, businessUnitId } = s;
      return [{ type: 'PrivateNoteRevised', data: { noteId, engagementId, authorId, coacheeId, businessUnitId, text: cmd.data.text, at: cmd.data.at } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: PrivateNote, e: PrivateNoteEvent): PrivateNote => {
  switch (e.type) {
    case 'PrivateNoteWritten': {
      const { at, ...d } = e.data;
      return { ...d, status: 'written', writtenAt: at, revisedAt: null, revisions: 0 };
    }
    case 'PrivateNoteRevised':
      return s.status === 'none' ? s : { ...s, text: e.data.text, revisedAt: e.data.at, revisions: s.revisions + 1 };
    default:
      return assertNever(e);
  }
};

export const privateNoteDecider: Decider<PrivateNoteCommand, PrivateNoteEvent, PrivateNote> = { decide, evolve, initialState: (): PrivateNote => ({ status: 'none' }) };
