import { DomainError } from '@tpm/kernel';

export class NeedHasNoGap extends DomainError {
  readonly code = 'TRAINING_NEED_HAS_NO_GAP';
  constructor(competency: string, currentLevel: number, requiredLevel: number) {
    super(`No need for ${competency}: current level ${currentLevel} already reaches ${requiredLevel}`, { competency, currentLevel, requiredLevel });
  }
}

export class NeedNotOpen extends DomainError {
  readonly code = 'TRAINING_NEED_NOT_OPEN';
  constructor(status: string) {
    super(`The need is ${status}, not open`, { status });
  }
}

export class InvalidCompetencyLevel extends DomainError {
  readonly code = 'COMPETENCY_LEVEL_OUT_OF_SCALE';
  constructor(level: number) {
    super(`Competency levels run from 0 to 5, got ${level}`, { level });
  }
}
