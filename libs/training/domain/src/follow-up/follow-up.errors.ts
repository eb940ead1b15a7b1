import { DomainError } from '@tpm/kernel';

export class FollowUpNotScheduled extends DomainError {
  readonly code = 'FOLLOW_UP_NOT_SCHEDULED';
  override readonly kind = 'not-found' as const;
  constructor(day: number) {
    super(`No ${day}-day follow-up is scheduled`, { day });
  }
}
export class FollowUpsWereCancelled extends DomainError {
  readonly code = 'FOLLOW_UPS_CANCELLED';
  constructor() {
    super('The follow-ups of this training were cancelled');
  }
}
export class FollowUpAlreadyRecorded extends DomainError {
  readonly code = 'FOLLOW_UP_ALREADY_RECORDED';
  override readonly kind = 'conflict' as const;
  constructor(day: number) {
    super(`The ${day}-day follow-up is already recorded`, { day });
  }
}
