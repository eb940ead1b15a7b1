import { DomainError } from '@tpm/kernel';

export class EngagementNotFound extends DomainError {
  readonly code = 'ENGAGEMENT_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(engagementId: string) {
    super(`No coaching engagement ${engagementId}`, { engagementId });
  }
}
export class EngagementAlreadyExists extends DomainError {
  readonly code = 'ENGAGEMENT_ALREADY_EXISTS';
  constructor(engagementId: string) {
    super(`Engagement ${engagementId} exists with other terms`, { engagementId });
  }
}
export class CoachIsCoachee extends DomainError {
  readonly code = 'COACH_IS_COACHEE';
  constructor() {
    super('A coach cannot coach themselves');
  }
}
export class EngagementNotActive extends DomainError {
  readonly code = 'ENGAGEMENT_NOT_ACTIVE';
  constructor(status: string) {
    super(`The engagement is ${status}, not active`, { status });
  }
}
export class EngagementNotPaused extends DomainError {
  readonly code = 'ENGAGEMENT_NOT_PAUSED';
  constructor(status: string) {
    super(`The engagement is ${status}, not paused`, { status });
  }
}
export class EngagementClosedAlready extends DomainError {
  readonly code = 'ENGAGEMENT_CLOSED';
  constructor() {
    super('The engagement is closed');
  }
}
export class StyleOverrideReasonRequired extends DomainError {
  readonly code = 'STYLE_OVERRIDE_REASON_REQUIRED';
  constructor() {
    super('Overriding the recommended coaching style needs a reason');
  }
}
