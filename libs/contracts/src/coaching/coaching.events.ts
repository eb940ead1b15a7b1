import { contractUpcaster, contractVersion } from '../contract';
import type { Contract } from '../envelope';
import { boolean, instant, integer, nullable, number, object, oneOf, string } from '../schema';

type DifficultyV2Data = {
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
  reportedAt: string;
};

/**
 * v1, published until v2: it carried the free-text `description`, personal data that must not
 * outlive an erasure on the broker. Consumers read it as v2 (the upcaster drops the text).
 */
export type DifficultyReportedV1 = Contract<'coaching.DifficultyReported', 1, DifficultyV2Data & { description: string }>;

/**
 * A difficulty raised in coaching. A skill gap becomes a training need (source: coaching); an
 * external obstacle is a request for authority or resources, tracked inside coaching. v2 carries
 * no free text: the description stays in coaching's store, encrypted under the employee's key.
 */
export type DifficultyReported = Contract<'coaching.DifficultyReported', 2, DifficultyV2Data>;

const difficultyV2 = {
  difficultyId: string(),
  engagementId: string(),
  sessionId: nullable(string()),
  employeeId: string(),
  businessUnitId: string(),
  kind: oneOf<'skill-gap' | 'external-obstacle'>('skill-gap', 'external-obstacle'),
  competency: nullable(string()),
  currentLevel: nullable(number()),
  requiredLevel: nullable(number()),
  reportedAt: instant(),
};

export const DifficultyReportedV1Contract = contractVersion<DifficultyReportedV1>('coaching.DifficultyReported', 1, object({ ...difficultyV2, description: string() }));
export const DifficultyReportedContract = contractVersion<DifficultyReported>('coaching.DifficultyReported', 2, object(difficultyV2));

/** v1 → v2: the description is dropped, never carried forward. */
export const upcastDifficultyReported = (e: DifficultyReportedV1 | DifficultyReported): DifficultyReported => {
  if (e.version === 2) return e;
  const { description: _description, ...data } = e.data;
  return { ...e, version: 2, data };
};

export const DIFFICULTY_REPORTED_V1_TO_V2 = contractUpcaster(DifficultyReportedV1Contract, DifficultyReportedContract, (data) =>
  upcastDifficultyReported({ type: 'coaching.DifficultyReported', version: 1, data }).data,
);

/*
 * What coaching publishes besides difficulties: ids, dates, kinds and outcomes only. No free text
 * (agendas, answers, notes) and no names ever leave the context: they are personal data.
 */
export type EngagementCadence = 'weekly' | 'biweekly' | 'monthly';
export type EngagementOutcome = 'goals-met' | 'partially-met' | 'not-met' | 'offboarded' | 'other';
export type ImprovementPlanOutcome = 'succeeded' | 'failed' | 'offboarded';

export type EngagementStarted = Contract<
  'coaching.EngagementStarted',
  1,
  { engagementId: string; coachId: string; coacheeId: string; businessUnitId: string; cycleId: string | null; cadence: EngagementCadence; startedAt: string }
>;
export type EngagementClosed = Contract<
  'coaching.EngagementClosed',
  1,
  { engagementId: string; coacheeId: string; businessUnitId: string; outcome: EngagementOutcome; closedAt: string }
>;
/** A 1:1 took place (ad hoc or formal), with how long it took. */
export type SessionHeld = Contract<
  'coaching.SessionHeld',
  1,
  { sessionId: string; engagementId: string; coacheeId: string; businessUnitId: string; kind: 'ad-hoc' | 'formal'; durationMinutes: number; heldAt: string }
>;
export type MonthlyReviewSubmitted = Contract<
  'coaching.MonthlyReviewSubmitted',
  1,
  { reviewId: string; employeeId: string; businessUnitId: string; month: string; dueOn: string; onTime: boolean; submittedAt: string }
>;
export type MonthlyReviewOverdue = Contract<
  'coaching.MonthlyReviewOverdue',
  1,
  { reviewId: string; employeeId: string; businessUnitId: string; month: string; dueOn: string; flaggedAt: string }
>;
export type ImprovementPlanOpened = Contract<
  'coaching.ImprovementPlanOpened',
  1,
  { planId: string; employeeId: string; businessUnitId: string; appraisalId: string | null; openedBy: 'manager' | 'appraisal'; endsOn: string; openedAt: string }
>;
export type ImprovementPlanClosed = Contract<
  'coaching.ImprovementPlanClosed',
  1,
  { planId: string; employeeId: string; businessUnitId: string; appraisalId: string | null; outcome: ImprovementPlanOutcome; extensions: number; closedAt: string }
>;

const cadence = oneOf<EngagementCadence>('weekly', 'biweekly', 'monthly');

export const COACHING_CONTRACTS = [
  DifficultyReportedV1Contract,
  DifficultyReportedContract,
  contractVersion<EngagementStarted>(
    'coaching.EngagementStarted',
    1,
    object({ engagementId: string(), coachId: string(), coacheeId: string(), businessUnitId: string(), cycleId: nullable(string()), cadence, startedAt: instant() }),
  ),
  contractVersion<EngagementClosed>(
    'coaching.EngagementClosed',
    1,
    object({
      engagementId: string(),
      coacheeId: string(),
      businessUnitId: string(),
      outcome: oneOf<EngagementOutcome>('goals-met', 'partially-met', 'not-met', 'offboarded', 'other'),
      closedAt: instant(),
    }),
  ),
  contractVersion<SessionHeld>(
    'coaching.SessionHeld',
    1,
    object({
      sessionId: string(),
      engagementId: string(),
      coacheeId: string(),
      businessUnitId: string(),
      kind: oneOf<'ad-hoc' | 'formal'>('ad-hoc', 'formal'),
      durationMinutes: number(),
      heldAt: instant(),
    }),
  ),
  contractVersion<MonthlyReviewSubmitted>(
    'coaching.MonthlyReviewSubmitted',
    1,
    object({ reviewId: string(), employeeId: string(), businessUnitId: string(), month: string(), dueOn: string(), onTime: boolean(), submittedAt: instant() }),
  ),
  contractVersion<MonthlyReviewOverdue>(
    'coaching.MonthlyReviewOverdue',
    1,
    object({ reviewId: string(), employeeId: string(), businessUnitId: string(), month: string(), dueOn: string(), flaggedAt: instant() }),
  ),
  contractVersion<ImprovementPlanOpened>(
    'coaching.ImprovementPlanOpened',
    1,
    object({
      planId: string(),
      employeeId: string(),
      businessUnitId: string(),
      appraisalId: nullable(string()),
      openedBy: oneOf<'manager' | 'appraisal'>('manager', 'appraisal'),
      endsOn: string(),
      openedAt: instant(),
    }),
  ),
  contractVersion<ImprovementPlanClosed>(
    'coaching.ImprovementPlanClosed',
    1,
    object({
      planId: string(),
      employeeId: string(),
      businessUnitId: string(),
      appraisalId: nullable(string()),
      outcome: oneOf<ImprovementPlanOutcome>('succeeded', 'failed', 'offboarded'),
      extensions: integer(),
      closedAt: instant(),
    }),
  ),
];
