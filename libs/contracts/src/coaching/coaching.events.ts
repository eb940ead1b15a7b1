import type { Contract } from '../envelope';

/**
 * A difficulty raised in a coaching session. A skill gap becomes a training need (source:
 * coaching); an external obstacle is a request for authority or resources.
 */
export type DifficultyReported = Contract<
  'coaching.DifficultyReported',
  1,
  {
    difficultyId: string;
    engagementId: string;
    sessionId: string | null;
    employeeId: string;
    businessUnitId: string;
    kind: 'skill-gap' | 'external-obstacle';
    /** Set for a skill gap. */
    competency: string | null;
    currentLevel: number | null;
    requiredLevel: number | null;
    description: string;
    reportedAt: string;
  }
>;
