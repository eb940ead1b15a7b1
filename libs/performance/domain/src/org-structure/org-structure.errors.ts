import { DomainError } from '@tpm/kernel';

export class BusinessUnitNotFound extends DomainError {
  readonly code = 'BUSINESS_UNIT_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(readonly businessUnitId: string) {
    super(`Business unit ${businessUnitId} is not registered`, { businessUnitId });
  }
}

/** The unit named as a parent is missing: the request is understood but cannot be honoured (422). */
export class ParentBusinessUnitNotFound extends DomainError {
  readonly code = 'PARENT_BUSINESS_UNIT_NOT_FOUND';
  constructor(
    readonly businessUnitId: string,
    readonly parentId: string,
  ) {
    super(`Parent business unit ${parentId} of ${businessUnitId} is not registered`, { businessUnitId, parentId });
  }
}

export class BusinessUnitAlreadyRegistered extends DomainError {
  readonly code = 'BUSINESS_UNIT_ALREADY_REGISTERED';
  override readonly kind = 'conflict' as const;
  constructor(readonly businessUnitId: string) {
    super(`Business unit ${businessUnitId} is already registered with different data`, { businessUnitId });
  }
}

export class RootBusinessUnitExists extends DomainError {
  readonly code = 'ROOT_BUSINESS_UNIT_EXISTS';
  constructor(
    readonly businessUnitId: string,
    readonly rootId: string,
  ) {
    super(`Business unit ${businessUnitId} cannot be a second root: ${rootId} is the organization's root`, {
      businessUnitId,
      rootId,
    });
  }
}

export class BusinessUnitCycle extends DomainError {
  readonly code = 'BUSINESS_UNIT_CYCLE';
  constructor(
    readonly businessUnitId: string,
    readonly toParentId: string,
  ) {
    super(`Business unit ${businessUnitId} cannot move under ${toParentId}: it is itself or one of its descendants`, {
      businessUnitId,
      toParentId,
    });
  }
}

export class BusinessUnitNameRequired extends DomainError {
  readonly code = 'BUSINESS_UNIT_NAME_REQUIRED';
  override readonly kind = 'invalid' as const;
  constructor(readonly businessUnitId: string) {
    super(`Business unit ${businessUnitId} needs a non-blank name`, { businessUnitId });
  }
}

export class PositionAlreadyDefined extends DomainError {
  readonly code = 'POSITION_ALREADY_DEFINED';
  override readonly kind = 'conflict' as const;
  constructor(readonly positionId: string) {
    super(`Position ${positionId} is already defined with different data`, { positionId });
  }
}
