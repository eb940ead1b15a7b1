import { DomainError } from '@tpm/kernel';

/** The org read model has no such unit (yet): a 404 through the one error filter. */
export class BusinessUnitUnknown extends DomainError {
  readonly code = 'BUSINESS_UNIT_NOT_FOUND';
  override readonly kind = 'not-found';
  constructor(businessUnitId: string) {
    super(`Business unit ${businessUnitId} is unknown`, { businessUnitId });
  }
}
