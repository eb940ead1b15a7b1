/**
 * A broken business rule, named with a stable code. The HTTP edge maps these to 422 (rule
 * refused), 404 (unknown), 409 (conflict: a race the server detected), 400 (invalid) or 412
 * (precondition: the version the caller said it read no longer holds); nothing in the domain
 * knows HTTP.
 */
export type DomainErrorKind = 'rule' | 'not-found' | 'conflict' | 'invalid' | 'precondition';

export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly kind: DomainErrorKind = 'rule';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
