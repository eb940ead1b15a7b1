import type { Contract } from '../envelope';

/** A competency an appraisal found below the level the position requires. */
export interface CompetencyGap {
  competency: string;
  currentLevel: number;
  requiredLevel: number;
  /** requiredLevel - currentLevel, > 0. */
  gap: number;
}

export interface IndicatorAttainment {
  objectiveId: string;
  indicatorId: string;
  /** Score 0-100 the indicator's scoring method gave. */
  score: number;
}

/**
 * The published result of an appraisal: what training (needs, L4 effect), coaching
 * (improvement plans, style) and rewards (proposals) need, and nothing of the internals.
 */
export type AppraisalFinalized = Contract<
  'performance.AppraisalFinalized',
  1,
  {
    appraisalId: string;
    cycleId: string;
    employeeId: string;
    businessUnitId: string;
    managerId: string | null;
    /** e.g. '2027' or '2027-H1'. */
    period: string;
    /** Weighted score 0-100. */
    score: number;
    /** Configured band name, e.g. 'exceeds', 'meets', 'below'. */
    ratingBand: string;
    /** 1 = lowest band; lets consumers compare bands without knowing their names. */
    ratingBandRank: number;
    competencyGaps: CompetencyGap[];
    indicators: IndicatorAttainment[];
    finalizedAt: string;
  }
>;

export type PerformanceAppraisalEvent = AppraisalFinalized;
