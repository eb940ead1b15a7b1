import { contractVersion } from '../contract';
import type { Contract } from '../envelope';
import { boolean, instant, integer, nullable, number, object, oneOf, string } from '../schema';

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
