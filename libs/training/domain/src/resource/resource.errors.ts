import { DomainError } from '@tpm/kernel';

export class ResourceNotFound extends DomainError {
  readonly code = 'RESOURCE_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(resourceId: string) {
    super(`Resource ${resourceId} is not registered`, { resourceId });
  }
}
export class ResourceAlreadyRegistered extends DomainError {
  readonly code = 'RESOURCE_ALREADY_REGISTERED';
  override readonly kind = 'conflict' as const;
  constructor(resourceId: string) {
    super(`Resource ${resourceId} is already registered differently`, { resourceId });
  }
}
export class ResourceDoubleBooked extends DomainError {
  readonly code = 'RESOURCE_DOUBLE_BOOKED';
  constructor(resourceId: string, from: string, to: string, clashes: string[]) {
    super(`Resource ${resourceId} is already booked between ${from} and ${to}`, { resourceId, from, to, clashes });
  }
}
export class InvalidBooking extends DomainError {
  readonly code = 'BOOKING_INVALID';
  constructor(reason: string) {
    super(reason, { reason });
  }
}
