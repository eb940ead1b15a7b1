import { DomainError } from '@tpm/kernel';

export class ProgramNotFound extends DomainError {
  readonly code = 'PROGRAM_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(programId: string) {
    super(`Program ${programId} is not defined`, { programId });
  }
}
export class ProgramAlreadyDefined extends DomainError {
  readonly code = 'PROGRAM_ALREADY_DEFINED';
  override readonly kind = 'conflict' as const;
  constructor(programId: string) {
    super(`Program ${programId} is already defined differently: revise it instead`, { programId });
  }
}
export class InvalidProgram extends DomainError {
  readonly code = 'PROGRAM_INVALID';
  constructor(reason: string) {
    super(reason, { reason });
  }
}
export class PrerequisiteCycle extends DomainError {
  readonly code = 'PROGRAM_PREREQUISITE_CYCLE';
  constructor(programId: string, path: string[]) {
    super(`Program ${programId} would require itself: ${path.join(' → ')}`, { programId, path });
  }
}
