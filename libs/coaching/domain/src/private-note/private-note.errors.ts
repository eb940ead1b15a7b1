import { DomainError } from '@tpm/kernel';

export class PrivateNoteNotFound extends DomainError {
  readonly code = 'PRIVATE_NOTE_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(noteId: string) {
    super(`No private note ${noteId}`, { noteId });
  }
}
export class NotTheNoteAuthor extends DomainError {
  readonly code = 'PRIVATE_NOTE_AUTHOR_ONLY';
  constructor() {
    super('Only the author of a private note may change it');
  }
}
