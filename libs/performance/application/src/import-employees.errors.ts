import { DomainError } from '@tpm/kernel';

/** The file as a whole cannot be read (header, CSV syntax): nothing from it is imported. */
export class EmployeeImportFileInvalid extends DomainError {
  readonly code = 'EMPLOYEE_IMPORT_FILE_INVALID';
  override readonly kind = 'invalid' as const;
  constructor(readonly problems: string[]) {
    super(`The employee file cannot be imported: ${problems.join('; ')}`, { problems });
  }
}

export class EmployeeImportTooLarge extends DomainError {
  readonly code = 'EMPLOYEE_IMPORT_TOO_LARGE';
  override readonly kind = 'invalid' as const;
  constructor(
    readonly limit: 'rows' | 'bytes',
    readonly max: number,
    readonly actual: number,
  ) {
    super(`The employee file has ${actual} ${limit}; at most ${max} are accepted per import`, { limit, max, actual });
  }
}
