import { DomainError } from '@tpm/kernel';

export class ReactionAlreadySubmitted extends DomainError {
  readonly code = 'REACTION_ALREADY_SUBMITTED';
  override readonly kind = 'conflict' as const;
  constructor(employeeId: string, sessionId: string) {
    super(`Employee ${employeeId} already answered the questionnaire of session ${sessionId}`, { employeeId, sessionId });
  }
}
export class EvaluationOutOfScale extends DomainError {
  readonly code = 'EVALUATION_OUT_OF_SCALE';
  constructor(field: string, value: number, min: number, max: number) {
    super(`${field} must be between ${min} and ${max}, got ${value}`, { field, value, min, max });
  }
}
export class LearningTestOutOfOrder extends DomainError {
  readonly code = 'LEARNING_TEST_OUT_OF_ORDER';
  constructor(reason: string) {
    super(reason, { reason });
  }
}
export class BehaviourObservedTooEarly extends DomainError {
  readonly code = 'BEHAVIOUR_OBSERVED_TOO_EARLY';
  constructor(weeks: number, minimum: number) {
    super(`Behaviour is observed at least ${minimum} weeks after the training, not ${weeks}`, { weeks, minimum });
  }
}
