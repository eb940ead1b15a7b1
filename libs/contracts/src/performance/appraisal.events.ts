import { contractUpcaster, contractVersion } from '../contract';
import type { Contract } from '../envelope';
import { array, instant, integer, nullable, number, object, oneOf, string } from '../schema';

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

/** The manager's view of how far the employee can grow: the other axis of the 9-box grid. */
export type AppraisalPotential = 'low' | 'medium' | 'high';

type AppraisalResultV1 = {
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
};

/** v1, published until v2: the result without the potential. */
export type AppraisalFinalizedV1 = Contract<'performance.AppraisalFinalized', 1, AppraisalResultV1>;

/**
 * The published result of an appraisal: what training (needs, L4 effect), coaching
 * (improvement plans, style), rewards (proposals) and reporting (the 9-box grid) need, and
 * nothing of the internals. v2 adds the manager's `potential`.
 */
export type AppraisalFinalized = Contract<'performance.AppraisalFinalized', 2, AppraisalResultV1 & { potential: AppraisalPotential | null }>;

export type PerformanceAppraisalEvent = AppraisalFinalized;

const resultV1 = {
  appraisalId: string(),
  cycleId: string(),
  employeeId: string(),
  businessUnitId: string(),
  managerId: nullable(string()),
  period: string(),
  score: number(),
  ratingBand: string(),
  ratingBandRank: integer(),
  competencyGaps: array(object<CompetencyGap>({ competency: string(), currentLevel: number(), requiredLevel: number(), gap: number() })),
  indicators: array(object<IndicatorAttainment>({ objectiveId: string(), indicatorId: string(), score: number() })),
  finalizedAt: instant(),
};

export const AppraisalFinalizedV1Contract = contractVersion<AppraisalFinalizedV1>('performance.AppraisalFinalized', 1, object(resultV1));
export const AppraisalFinalizedContract = contractVersion<AppraisalFinalized>(
  'performance.AppraisalFinalized',
  2,
  object({ ...resultV1, potential: nullable(oneOf<AppraisalPotential>('low', 'medium', 'high')) }),
);

/** v1 never said the potential: unknown, not a guess (a 9-box leaves such appraisals unplaced). */
export const upcastAppraisalFinalized = (e: AppraisalFinalizedV1 | AppraisalFinalized): AppraisalFinalized =>
  e.version === 2 ? e : { ...e, version: 2, data: { ...e.data, potential: null } };

export const APPRAISAL_FINALIZED_V1_TO_V2 = contractUpcaster(AppraisalFinalizedV1Contract, AppraisalFinalizedContract, (data) =>
  upcastAppraisalFinalized({ type: 'performance.AppraisalFinalized', version: 1, data }).data,
);

export const APPRAISAL_CONTRACTS = [AppraisalFinalizedV1Contract, AppraisalFinalizedContract];
