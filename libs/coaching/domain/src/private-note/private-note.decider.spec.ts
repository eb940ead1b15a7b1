import { deciderSpec } from '@tpm/kernel/testing';
import { privateNoteDecider } from './private-note.decider';
import { NotTheNoteAuthor } from './private-note.errors';
import type { PrivateNoteEvent } from './private-note.events';

const given = deciderSpec(privateNoteDecider);
const at = '2027-03-02T09:00:00.000Z';
const subject = { noteId: 'n1', engagementId: 'e1', authorId: 'mia', coacheeId: 'ana', businessUnitId: 'sales' };
const written: PrivateNoteEvent = { type: 'PrivateNoteWritten', data: { ...subject, text: 'anxious', at } };

describe('private notes', () => {
  it('writes a note once', () => {
    given([]).when({ type: 'WritePrivateNote', data: { ...subject, text: 'anxious', at } }).then([written]);
    given([written]).when({ type: 'WritePrivateNote', data: { ...subject, text: 'anxious', at } }).then([]);
  });
  it('lets its author revise it', () => given([written]).when({ type: 'RevisePrivateNote', data: { text: 'calmer', by: 'mia', at } }).then([{ type: 'PrivateNoteRevised', data: { ...subject, text: 'calmer', at } }]));
  it('refuses a revision by anyone else', () => given([written]).when({ type: 'RevisePrivateNote', data: { text: 'mine', by: 'zed', at } }).thenThrows(NotTheNoteAuthor));
});
