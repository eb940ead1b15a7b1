import { DomainError } from '@tpm/kernel';

export class DifficultyNotFound extends DomainError {
  readonly code = 'DIFFICULTY_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor(difficultyId: string) {
    super(`No difficulty ${difficultyId}`, { difficultyId });
  }
}
export class SkillGapNeedsLevels extends DomainError {
  readonly code = 'SKILL_GAP_NEEDS_COMPETENCY_AND_LEVELS';
  constructor() {
    super('A skill gap names the competency, the current level and a higher required level (0-5)');
  }
}
export class ObstacleNeedsRequest extends DomainError {
  readonly code = 'OBSTACLE_NEEDS_REQUEST';
  constructor() {
    super('An external obstacle becomes a request for authority or resources, assigned to someone with a due date');
  }
}
export class NotAnObstacle extends DomainError {
  readonly code = 'DIFFICULTY_NOT_AN_OBSTACLE';
  constructor() {
    super('Only an external obstacle carries a request to assign');
  }
}
export class DifficultyResolvedAlready extends DomainError {
  readonly code = 'DIFFICULTY_RESOLVED';
  constructor() {
    super('The difficulty is resolved');
  }
}
