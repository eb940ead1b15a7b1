import { DomainError } from '@tpm/kernel';
import type { PraiseProblem } from './praise';

export class SessionNotFound extends DomainError {
  readonly code = 'COACHING_SESSION_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(sessionId: string) {
    super(`No coaching session ${sessionId}`, { sessionId });
  }
}
export class SessionNotOpen extends DomainError {
  readonly code = 'COACHING_SESSION_NOT_OPEN';
  constructor(status: string) {
    super(`The session is ${status}: its agenda and outcome are settled`, { status });
  }
}
export class SessionCancelledAlready extends DomainError {
  readonly code = 'COACHING_SESSION_CANCELLED';
  constructor() {
    super('The session was cancelled');
  }
}
export class PraiseNotSpecific extends DomainError {
  readonly code = 'PRAISE_NOT_SPECIFIC';
  constructor(problems: PraiseProblem[]) {
    super('Specific praise names the behaviour (3 words or more) and an example of it (5 words or more), not stock phrases', { problems });
  }
}
export class UnknownTalkingPoint extends DomainError {
  readonly code = 'TALKING_POINT_NOT_ON_AGENDA';
  constructor(pointIds: string[]) {
    super(`Not on this session's agenda: ${pointIds.join(', ')}`, { pointIds });
  }
}
export class ActionItemNotFound extends DomainError {
  readonly code = 'ACTION_ITEM_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(actionItemId: string) {
    super(`No action item ${actionItemId} was agreed in this session`, { actionItemId });
  }
}
export class EmptyAnswers extends DomainError {
  readonly code = 'COACHING_ANSWERS_EMPTY';
  constructor() {
    super('Answer at least one of the coaching questions');
  }
}
