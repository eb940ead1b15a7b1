import type { Message } from '@tpm/kernel';
import type { PrivateNoteSubject } from './private-note.events';

export type WritePrivateNote = Message<'WritePrivateNote', PrivateNoteSubject & { text: string; at: string }>;
export type RevisePrivateNote = Message<'RevisePrivateNote', { text: string; by: string; at: string }>;

export type PrivateNoteCommand = WritePrivateNote | RevisePrivateNote;
