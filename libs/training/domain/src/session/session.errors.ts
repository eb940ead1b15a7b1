import { DomainError } from '@tpm/kernel';

export class SessionNotFound extends DomainError {
  readonly code = 'SESSION_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(sessionId: string) {
    super(`Session ${sessionId} was never scheduled`, { sessionId });
  }
}
export class SessionNotOpen extends DomainError {
  readonly code = 'SESSION_NOT_OPEN';
  constructor(sessionId: string, status: string) {
    super(`Session ${sessionId} is ${status}`, { sessionId, status });
  }
}
export class SessionAlreadyScheduled extends DomainError {
  readonly code = 'SESSION_ALREADY_SCHEDULED';
  override readonly kind = 'conflict' as const;
  constructor(sessionId: string) {
    super(`Session ${sessionId} is already scheduled differently`, { sessionId });
  }
}
export class InvalidSessionPlan extends DomainError {
  readonly code = 'SESSION_PLAN_INVALID';
  constructor(reason: string) {
    super(reason, { reason });
  }
}
export class PrerequisitesNotMet extends DomainError {
  readonly code = 'PREREQUISITES_NOT_MET';
  constructor(employeeId: string, missing: string[]) {
    super(`Employee ${employeeId} has not completed ${missing.join(', ')}`, { employeeId, missing });
  }
}
export class SessionClosedToOtherUnits extends DomainError {
  readonly code = 'SESSION_CLOSED_TO_OTHER_UNITS';
  constructor(sessionId: string, businessUnitId: string) {
    super(`Session ${sessionId} is for ${businessUnitId} and its units; it is not open to other units`, { sessionId, businessUnitId });
  }
}
export class NotAParticipant extends DomainError {
  readonly code = 'NOT_A_PARTICIPANT';
  constructor(sessionId: string, employeeId: string) {
    super(`Employee ${employeeId} has no seat in session ${sessionId}`, { sessionId, employeeId });
  }
}
export class MeetingOutOfRange extends DomainError {
  readonly code = 'MEETING_OUT_OF_RANGE';
  constructor(meeting: number, meetings: number) {
    super(`Meeting ${meeting} is not one of the session's ${meetings}`, { meeting, meetings });
  }
}
export class ExamScoreOutOfRange extends DomainError {
  readonly code = 'EXAM_SCORE_OUT_OF_RANGE';
  constructor(score: number) {
    super(`Exam scores run from 0 to 100, got ${score}`, { score });
  }
}
export class SessionNotOver extends DomainError {
  readonly code = 'SESSION_NOT_OVER';
  constructor(sessionId: string, endsAt: string) {
    super(`Session ${sessionId} ends at ${endsAt}: completion is decided afterwards`, { sessionId, endsAt });
  }
}
