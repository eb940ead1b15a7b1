import { topicOf, type Envelope } from '@tpm/contracts';
import type { Projection } from '@tpm/projections';
import { applyLevels, CELLS, LEVELS, recomputeCells, recomputeSpread, scopeOf, SPREADS, storedScope, touchedBy } from './dashboard-cells';
import { insertRows, keepFirst, keepLatest, mergeBy, rm, typeName, type Row } from './sql-rows';

export const COACHING_TABLES = {
  engagements: rm('coaching_engagements'),
  sessions: rm('coaching_sessions'),
  reviews: rm('monthly_reviews'),
  plans: rm('improvement_plans'),
} as const;
export const COACHING_TOPICS = [topicOf('coaching'), topicOf('performance')];

type D = Record<string, string | number | boolean | null>;

/**
 * Coverage, sessions per month, on-time monthly reviews and improvement-plan outcomes, from
 * coaching's published contracts (libs/contracts/src/coaching). Difficulties' descriptions are
 * free text about a person and are never stored.
 */
export const coachingProjection: Projection = {
  name: 'coaching-activity',
  version: 1,
  handles: [
    'coaching.EngagementStarted',
    'coaching.EngagementClosed',
    'coaching.SessionHeld',
    'coaching.MonthlyReviewSubmitted',
    'coaching.MonthlyReviewOverdue',
    'coaching.ImprovementPlanOpened',
    'coaching.ImprovementPlanClosed',
    // The employees' levels, which key the cells (ADR 0032).
    'performance.EmployeeOnboarded',
  ],
  tables: [
    ...Object.values(COACHING_TABLES),
    LEVELS.coaching,
    CELLS.coachingEngagements.table,
    CELLS.coachingSessions.table,
    CELLS.monthlyReviews.table,
    CELLS.improvementPlans.table,
    SPREADS.activeCoachees.table,
  ],
  async apply(batch: Envelope[], tx, tables) {
    await applyLevels(tx, tables, batch, LEVELS.coaching, [CELLS.coachingEngagements, CELLS.coachingSessions, CELLS.monthlyReviews, CELLS.improvementPlans]);
    const engagements: Row[] = [];
    const sessions: Row[] = [];
    const reviews: Row[] = [];
    const plans: Row[] = [];
    for (const e of batch) {
      const d = e.data as D;
      switch (typeName(e)) {
        case 'EngagementStarted':
          engagements.push({ engagement_id: d.engagementId, coach_id: d.coachId, coachee_id: d.coacheeId, business_unit_id: d.businessUnitId, cycle_id: d.cycleId, cadence: d.cadence, started_at: d.startedAt });
          break;
        case 'EngagementClosed':
          engagements.push({ engagement_id: d.engagementId, coachee_id: d.coacheeId, business_unit_id: d.businessUnitId, outcome: d.outcome, closed_at: d.closedAt });
          break;
        case 'SessionHeld':
          sessions.push({ session_id: d.sessionId, engagement_id: d.engagementId, coachee_id: d.coacheeId, business_unit_id: d.businessUnitId, kind: d.kind, duration_minutes: d.durationMinutes, held_at: d.heldAt });
          break;
        case 'MonthlyReviewSubmitted':
          reviews.push({ review_id: d.reviewId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, month: d.month, due_on: d.dueOn, on_time: d.onTime, submitted_at: d.submittedAt });
          break;
        case 'MonthlyReviewOverdue':
          reviews.push({ review_id: d.reviewId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, month: d.month, due_on: d.dueOn, overdue_at: d.flaggedAt });
          break;
        case 'ImprovementPlanOpened':
          plans.push({ plan_id: d.planId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, appraisal_id: d.appraisalId, opened_by: d.openedBy, ends_on: d.endsOn, opened_at: d.openedAt });
          break;
        case 'ImprovementPlanClosed':
          plans.push({ plan_id: d.planId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, appraisal_id: d.appraisalId, outcome: d.outcome, extensions: d.extensions, closed_at: d.closedAt });
          break;
      }
    }
    const unit = ['business_unit_id'];
    const eCols = ['coach_id', 'coachee_id', 'business_unit_id', 'cycle_id', 'cadence', 'started_at', 'outcome', 'closed_at'];
    const mergedEngagements = mergeBy(engagements, (r) => r.engagement_id as string);
    const engagementKey = [['engagement_id', 'text']] as const;
    const engaged = await touchedBy(tx, tables[COACHING_TABLES.engagements], engagementKey, mergedEngagements, unit, () =>
      insertRows(
        tx,
        tables[COACHING_TABLES.engagements],
        [['engagement_id', 'text'], ['coach_id', 'text'], ['coachee_id', 'text'], ['business_unit_id', 'text'], ['cycle_id', 'text'], ['cadence', 'text'], ['started_at', 'timestamptz'], ['outcome', 'text'], ['closed_at', 'timestamptz']],
        mergedEngagements,
        `ON CONFLICT (engagement_id) DO UPDATE SET ${keepFirst('t', eCols)}`,
      ),
    );
    await recomputeCells(tx, tables, CELLS.coachingEngagements, engaged);
    const coachees = await storedScope(tx, tables[COACHING_TABLES.engagements], engagementKey, mergedEngagements, ['coachee_id']);
    await recomputeSpread(tx, tables, SPREADS.activeCoachees, coachees.map((r) => r.coachee_id as string));
    const mergedSessions = mergeBy(sessions, (r) => r.session_id as string);
    await insertRows(
      tx,
      tables[COACHING_TABLES.sessions],
      [['session_id', 'text'], ['engagement_id', 'text'], ['coachee_id', 'text'], ['business_unit_id', 'text'], ['kind', 'text'], ['duration_minutes', 'numeric'], ['held_at', 'timestamptz']],
      mergedSessions,
      'ON CONFLICT (session_id) DO NOTHING',
    );
    // A held session never changes once stored: the batch's units are all that moved.
    await recomputeCells(tx, tables, CELLS.coachingSessions, scopeOf(mergedSessions, unit));
    const mergedReviews = mergeBy(reviews, (r) => r.review_id as string);
    const reviewed = await touchedBy(tx, tables[COACHING_TABLES.reviews], [['review_id', 'text']], mergedReviews, unit, () =>
      insertRows(
        tx,
        tables[COACHING_TABLES.reviews],
        [['review_id', 'text'], ['employee_id', 'text'], ['business_unit_id', 'text'], ['month', 'text'], ['due_on', 'date'], ['on_time', 'boolean'], ['submitted_at', 'timestamptz'], ['overdue_at', 'timestamptz']],
        mergedReviews,
        `ON CONFLICT (review_id) DO UPDATE SET ${keepFirst('t', ['on_time', 'submitted_at', 'overdue_at'])}`,
      ),
    );
    await recomputeCells(tx, tables, CELLS.monthlyReviews, reviewed);
    const mergedPlans = mergeBy(plans, (r) => r.plan_id as string);
    const planned = await touchedBy(tx, tables[COACHING_TABLES.plans], [['plan_id', 'text']], mergedPlans, unit, () =>
      insertRows(
        tx,
        tables[COACHING_TABLES.plans],
        [['plan_id', 'text'], ['employee_id', 'text'], ['business_unit_id', 'text'], ['appraisal_id', 'text'], ['opened_by', 'text'], ['ends_on', 'date'], ['opened_at', 'timestamptz'], ['outcome', 'text'], ['extensions', 'int'], ['closed_at', 'timestamptz']],
        mergedPlans,
        `ON CONFLICT (plan_id) DO UPDATE SET ${keepFirst('t', ['opened_by', 'ends_on', 'opened_at', 'outcome', 'extensions', 'closed_at'])}, ${keepLatest('t', ['appraisal_id'])}`,
      ),
    );
    await recomputeCells(tx, tables, CELLS.improvementPlans, planned);
  },
};
