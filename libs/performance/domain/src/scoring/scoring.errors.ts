import { DomainError } from '@tpm/kernel';

/** An indicator's method is configured in a way no score can come out of. */
export class ScoringMethodInvalid extends DomainError {
  readonly code = 'SCORING_METHOD_INVALID';
  override readonly kind = 'invalid' as const;
  constructor(reason: string) {
    super(`Scoring method is invalid: ${reason}`, { reason });
  }
}

/** "Scores inside the indicator's scale": a value the method cannot read is refused, never clamped. */
export class ScoreOutsideScale extends DomainError {
  readonly code = 'SCORE_OUTSIDE_SCALE';
  constructor(
    readonly method: string,
    readonly actual: number,
    readonly scale: string,
  ) {
    super(`${actual} is outside the ${method} scale (${scale})`, { method, actual, scale });
  }
}

export class UnknownScoringRulesVersion extends DomainError {
  readonly code = 'SCORING_RULES_VERSION_UNKNOWN';
  override readonly kind = 'invalid' as const;
  constructor(readonly rulesVersion: number) {
    super(`Scoring rules version ${rulesVersion} does not exist`, { rulesVersion });
  }
}
