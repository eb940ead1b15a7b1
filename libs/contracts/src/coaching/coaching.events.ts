import { contractVersion } from '../contract';
import type { Contract } from '../envelope';
import { instant, nullable, number, object, oneOf, string } from '../schema';

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

export const DifficultyReportedContract = contractVersion<DifficultyReported>(
  'coaching.DifficultyReported',
  1,
  object({
    difficultyId: string(),
    engagementId: string(),
    sessionId: nullable(string()),
    employeeId: string(),
    businessUnitId: string(),
    kind: oneOf<'skill-gap' | 'external-obstacle'>('skill-gap', 'external-obstacle'),
    competency: nullable(string()),
    currentLevel: nullable(number()),
    requiredLevel: nullable(number()),
    description: string(),
    reportedAt: instant(),
  }),
);

/** Coaching publishes nothing yet: this is the contract training already consumes. */
export const COACHING_CONTRACTS = [DifficultyReportedContract];
