import { DomainError } from '@tpm/kernel';
import type { CycleStage } from './appraisal-cycle.events';

export class AppraisalCycleNotFound extends DomainError {
  readonly code = 'APPRAISAL_CYCLE_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(readonly cycleId: string) {
    super(`Appraisal cycle ${cycleId} does not exist`, { cycleId });
  }
}

export class AppraisalCycleAlreadyOpened extends DomainError {
  readonly code = 'APPRAISAL_CYCLE_ALREADY_OPENED';
  override readonly kind = 'conflict' as const;
  constructor(readonly cycleId: string) {
    super(`Appraisal cycle ${cycleId} is already open with different settings`, { cycleId });
  }
}

/** "Stages never go back." */
export class StageCannotGoBack extends DomainError {
  readonly code = 'STAGE_CANNOT_GO_BACK';
  constructor(readonly from: CycleStage, readonly to: CycleStage) {
    super(`The cycle is in ${from}: stages never go back to ${to}`, { from, to });
  }
}

export class StageCannotBeSkipped extends DomainError {
  readonly code = 'STAGE_CANNOT_BE_SKIPPED';
  constructor(readonly from: CycleStage, readonly to: CycleStage, readonly next: CycleStage) {
    super(`The cycle is in ${from}: the next stage is ${next}, not ${to}`, { from, to, next });
  }
}

/** "A closed cycle accepts nothing." */
export class AppraisalCycleClosedError extends DomainError {
  readonly code = 'APPRAISAL_CYCLE_CLOSED';
  constructor(readonly cycleId: string) {
    super(`Appraisal cycle ${cycleId} is closed and accepts nothing`, { cycleId });
  }
}

/** A command that belongs to another stage of the cycle. */
export class WrongCycleStage extends DomainError {
  readonly code = 'WRONG_CYCLE_STAGE';
  constructor(readonly action: string, readonly stage: CycleStage, readonly allowed: CycleStage[]) {
    super(`${action} is possible in ${allowed.join(' or ')}, and the cycle is in ${stage}`, { action, stage, allowed });
  }
}

export class NotACycleParticipant extends DomainError {
  readonly code = 'NOT_A_CYCLE_PARTICIPANT';
  constructor(readonly cycleId: string, readonly employeeId: string) {
    super(`Employee ${employeeId} is not a participant of appraisal cycle ${cycleId}`, { cycleId, employeeId });
  }
}
