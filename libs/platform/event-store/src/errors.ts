import { DomainError } from '@tpm/kernel';

/** The stream was not at the version the writer expected: someone else wrote first. */
export class ConcurrencyConflict extends DomainError {
  readonly code = 'CONCURRENCY_CONFLICT';
  override readonly kind = 'conflict' as const;
  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, expected ${expected}`, { streamId, expected, actual });
  }
}

/** An event id was reused for different content or another stream. */
export class DuplicateEventId extends DomainError {
  readonly code = 'DUPLICATE_EVENT_ID';
  override readonly kind = 'conflict' as const;
  constructor(readonly eventIds: string[]) {
    super(`Event ids already used elsewhere: ${eventIds.join(', ')}`, { eventIds });
  }
}

/** The append itself is malformed (bad event id, empty type…): nothing was written. */
export class InvalidAppend extends DomainError {
  readonly code = 'INVALID_APPEND';
  override readonly kind = 'invalid' as const;
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super(reason, details);
  }
}
