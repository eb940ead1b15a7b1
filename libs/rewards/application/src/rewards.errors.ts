import { DomainError } from '@tpm/kernel';

export class PayImportFileInvalid extends DomainError {
  readonly code = 'PAY_IMPORT_FILE_INVALID';
  override readonly kind = 'invalid' as const;
  constructor(problems: string[]) {
    super(`The pay file cannot be imported: ${problems.join('; ')}`, { problems });
  }
}
export class PayImportTooLarge extends DomainError {
  readonly code = 'PAY_IMPORT_TOO_LARGE';
  override readonly kind = 'invalid' as const;
  constructor(what: 'rows' | 'bytes', limit: number, actual: number) {
    super(`The pay file has ${actual} ${what}; at most ${limit} are accepted per import`, { what, limit, actual });
  }
}
export class PolicyAlreadyDefinedForUnit extends DomainError {
  readonly code = 'POLICY_ALREADY_DEFINED_FOR_UNIT_AND_CYCLE';
  constructor(businessUnitId: string, cycleId: string, policyId: string) {
    super(`Unit ${businessUnitId} already defines policy ${policyId} for cycle ${cycleId}: publish a new version of it`, { businessUnitId, cycleId, policyId });
  }
}
