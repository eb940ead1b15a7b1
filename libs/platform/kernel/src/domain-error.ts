/**
 * A broken business rule, named with a stable code. The HTTP edge maps these to 422 (rule
 * refused), 404 (unknown) or 409 (conflict); nothing in the domain knows HTTP.
 */
export type DomainErrorKind = 'rule' | 'not-found' | 'conflict' | 'invalid';

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
