import type { Message } from '@tpm/kernel';

export interface PrivateNoteSubject {
  noteId: string;
  engagementId: string;
  authorId: string;
  /** Whose key encrypts the text: erasing the coachee erases the note (ADR 0022). */
  coacheeId: string;
  businessUnitId: string;
}

export type PrivateNoteWritten = Message<'PrivateNoteWritten', PrivateNoteSubject & { text: string; at: string }>;
export type PrivateNoteRevised = Message<'PrivateNoteRevised', PrivateNoteSubject & { text: string; at: string }>;

export type PrivateNoteEvent = PrivateNoteWritten | PrivateNoteRevised;
