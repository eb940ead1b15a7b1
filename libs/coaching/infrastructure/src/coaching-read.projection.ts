import type { Envelope } from '@tpm/contracts';
import { quoteTable, type Projection, type TableNames } from '@tpm/projections';
import type { EntityManager } from 'typeorm';

export const COACHING_READ_TABLES = {
  engagements: 'coaching_read.engagements',
  sessions: 'coaching_read.sessions',
  actionItems: 'coaching_read.action_items',
  objectiveProgress: 'coaching_read.objective_progress',
  difficulties: 'coaching_read.difficulties',
  privateNotes: 'coaching_read.private_notes',
  monthlyReviews: 'coaching_read.monthly_reviews',
  improvementPlans: 'coaching_read.improvement_plans',
} as const;

/** The store-fed read model's name: commands and reactions wait on it by this name. */
export const COACHING_READ = 'coaching-read';

// Each statement reads the fields its event type carries (the domain event types, as stored).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one row of SQL parameters per event type, typed by the event
type D = Record<string, any>;
type Apply = (d: D, e: Envelope, t: (k: keyof typeof COACHING_READ_TABLES) => string, tx: EntityManager) => Promise<unknown>;

/**
 * One statement per event, in log order, inside the runner's transaction. Coaching's events are
 * few per person and per month (a 1:1, a form), so per-event SQL keeps each row's history exact
 * without a batch fold; the checkpoint still commits with the batch.
 */
const APPLY: Record<string, Apply> = {
  EngagementStarted: (d, _e, t, tx) =>
    tx.query(
      `INSERT INTO ${t('engagements')} (engagement_id, coach_id, coach_kind, coachee_id, business_unit_id, status, cadence, cycle_id, started_at)
       VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $8) ON CONFLICT (engagement_id) DO NOTHING`,
      [d.engagementId, d.coachId, d.coachKind, d.coacheeId, d.businessUnitId, d.cadence, d.cycleId, d.at],
    ),
  EngagementPaused: (d, _e, t, tx) => tx.query(`UPDATE ${t('engagements')} SET status = 'paused' WHERE engagement_id = $1`, [d.engagementId]),
  EngagementResumed: (d, _e, t, tx) => tx.query(`UPDATE ${t('engagements')} SET status = 'active' WHERE engagement_id = $1`, [d.engagementId]),
  EngagementClosed: (d, _e, t, tx) => tx.query(`UPDATE ${t('engagements')} SET status = 'closed', outcome = $2, closed_at = $3 WHERE engagement_id = $1`, [d.engagementId, d.outcome, d.at]),
  EngagementMoved: async (d, _e, t, tx) => {
    await tx.query(`UPDATE ${t('engagements')} SET business_unit_id = $2 WHERE engagement_id = $1`, [d.engagementId, d.businessUnitId]);
    for (const k of ['sessions', 'actionItems', 'privateNotes'] as const) await tx.query(`UPDATE ${t(k)} SET business_unit_id = $2 WHERE engagement_id = $1`, [d.engagementId, d.businessUnitId]);
  },
  CoachingStyleRecommended: (d, _e, t, tx) =>
    tx.query(
      `UPDATE ${t('engagements')} SET style = CASE WHEN style_source = 'override' AND NOT $4 THEN style ELSE $2 END,
              style_source = CASE WHEN style_source = 'override' AND NOT $4 THEN 'override' ELSE 'recommendation' END, style_version = $3
        WHERE engagement_id = $1`,
      [d.engagementId, d.recommendation.style, d.recommendation.version, d.overrideEnded],
    ),
  CoachingStyleOverridden: (d, _e, t, tx) => tx.query(`UPDATE ${t('engagements')} SET style = $2, style_source = 'override' WHERE engagement_id = $1`, [d.engagementId, d.style]),
  SessionScheduled: (d, _e, t, tx) =>
    tx.query(
      `INSERT INTO ${t('sessions')} (session_id, engagement_id, coachee_id, business_unit_id, kind, status, scheduled_for) VALUES ($1, $2, $3, $4, $5, 'scheduled', $6)
       ON CONFLICT (session_id) DO NOTHING`,
      [d.sessionId, d.engagementId, d.coacheeId, d.businessUnitId, d.kind, d.scheduledFor],
    ),
  ActionItemAdded: (d, _e, t, tx) =>
    tx.query(
      `INSERT INTO ${t('actionItems')} (session_id, action_item_id, engagement_id, business_unit_id, owner_id, due_on, status) VALUES ($1, $2, $3, $4, $5, $6, 'open')
       ON CONFLICT DO NOTHING`,
      [d.sessionId, d.actionItemId, d.engagementId, d.businessUnitId, d.ownerId, d.dueOn],
    ),
  ActionItemCompleted: (d, _e, t, tx) => tx.query(`UPDATE ${t('actionItems')} SET status = 'done', done_at = $3 WHERE session_id = $1 AND action_item_id = $2`, [d.sessionId, d.actionItemId, d.at]),
  SessionHeld: async (d, e, t, tx) => {
    await tx.query(`UPDATE ${t('sessions')} SET status = 'held', held_at = $2, duration_minutes = $3, ended_at = $4, ended_seq = $5 WHERE session_id = $1`, [
      d.sessionId,
      d.heldAt,
      d.durationMinutes,
      d.at,
      e.position,
    ]);
    if (d.objectiveProgress.length) {
      await tx.query(
        `INSERT INTO ${t('objectiveProgress')} (engagement_id, objective_id, completion, recorded_at)
         SELECT $1, o->>'objectiveId', (o->>'completion')::numeric, $2 FROM jsonb_array_elements($3::jsonb) o
         ON CONFLICT (engagement_id, objective_id) DO UPDATE SET completion = EXCLUDED.completion, recorded_at = EXCLUDED.recorded_at`,
        [d.engagementId, d.at, JSON.stringify(d.objectiveProgress)],
      );
    }
  },
  SessionCancelled: (d, e, t, tx) => tx.query(`UPDATE ${t('sessions')} SET status = 'cancelled', ended_at = $2, ended_seq = $3 WHERE session_id = $1`, [d.sessionId, d.at, e.position]),
  DifficultyReported: (d, e, t, tx) =>
    tx.query(
      `INSERT INTO ${t('difficulties')} (difficulty_id, engagement_id, session_id, employee_id, business_unit_id, kind, competency, current_level, required_level,
         need, assignee_id, due_on, status, reported_at, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14) ON CONFLICT (difficulty_id) DO NOTHING`,
      [d.difficultyId, d.engagementId, d.sessionId, d.employeeId, d.businessUnitId, d.kind, d.competency, d.currentLevel, d.requiredLevel, d.request?.need ?? null, d.request?.assigneeId ?? null, d.request?.dueOn ?? null, d.at, e.correlationId],
    ),
  ObstacleRequestAssigned: (d, _e, t, tx) => tx.query(`UPDATE ${t('difficulties')} SET assignee_id = $2 WHERE difficulty_id = $1`, [d.difficultyId, d.assigneeId]),
  DifficultyResolved: (d, _e, t, tx) => tx.query(`UPDATE ${t('difficulties')} SET status = 'resolved', resolved_at = $2 WHERE difficulty_id = $1`, [d.difficultyId, d.at]),
  // Existence and time only: the text never reaches a table (ADR 0022).
  PrivateNoteWritten: (d, _e, t, tx) =>
    tx.query(
      `INSERT INTO ${t('privateNotes')} (note_id, engagement_id, author_id, coachee_id, business_unit_id, written_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [d.noteId, d.engagementId, d.authorId, d.coacheeId, d.businessUnitId, d.at],
    ),
  PrivateNoteRevised: (d, _e, t, tx) => tx.query(`UPDATE ${t('privateNotes')} SET revised_at = $2, revisions = revisions + 1 WHERE note_id = $1`, [d.noteId, d.at]),
  MonthlyReviewOpened: (d, _e, t, tx) =>
    tx.query(
      `INSERT INTO ${t('monthlyReviews')} (review_id, subject_kind, employee_id, business_unit_id, reviewer_id, month, due_on, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open')
       ON CONFLICT DO NOTHING`,
      [d.reviewId, d.subject.kind, d.subject.employeeId ?? null, d.businessUnitId, d.reviewerId, d.month, d.dueOn],
    ),
  MonthlyReviewSubmitted: (d, _e, t, tx) => tx.query(`UPDATE ${t('monthlyReviews')} SET status = 'submitted', submitted_at = $2, on_time = $3 WHERE review_id = $1`, [d.reviewId, d.at, d.onTime]),
  MonthlyReviewReminderSent: (d, _e, t, tx) => tx.query(`UPDATE ${t('monthlyReviews')} SET reminded_at = $2 WHERE review_id = $1`, [d.reviewId, d.at]),
  MonthlyReviewFlaggedOverdue: (d, _e, t, tx) => tx.query(`UPDATE ${t('monthlyReviews')} SET overdue_at = $2 WHERE review_id = $1`, [d.reviewId, d.at]),
  MonthlyReviewCancelled: (d, _e, t, tx) => tx.query(`UPDATE ${t('monthlyReviews')} SET status = 'cancelled' WHERE review_id = $1`, [d.reviewId]),
  ImprovementPlanOpened: (d, e, t, tx) =>
    tx.query(
      `INSERT INTO ${t('improvementPlans')} (plan_id, employee_id, business_unit_id, appraisal_id, opened_by, status, starts_on, ends_on, opened_at, correlation_id)
       VALUES ($1, $2, $3, $4, $5, 'opened', $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [d.planId, d.employeeId, d.businessUnitId, d.appraisalId, d.openedBy, d.startsOn, d.endsOn, d.at, e.correlationId],
    ),
  ImprovementPlanApproved: (d, _e, t, tx) => tx.query(`UPDATE ${t('improvementPlans')} SET status = 'active', approved_by = $2 WHERE plan_id = $1`, [d.planId, d.approvedBy]),
  ImprovementPlanAcknowledged: (d, _e, t, tx) => tx.query(`UPDATE ${t('improvementPlans')} SET acknowledged_at = $2 WHERE plan_id = $1`, [d.planId, d.at]),
  ImprovementPlanExtended: (d, _e, t, tx) => tx.query(`UPDATE ${t('improvementPlans')} SET ends_on = $2, extensions = $3 WHERE plan_id = $1`, [d.planId, d.endsOn, d.extensions]),
  ImprovementPlanMoved: (d, _e, t, tx) => tx.query(`UPDATE ${t('improvementPlans')} SET business_unit_id = $2 WHERE plan_id = $1`, [d.planId, d.businessUnitId]),
  ImprovementPlanClosed: (d, _e, t, tx) => tx.query(`UPDATE ${t('improvementPlans')} SET status = 'closed', outcome = $2, closed_at = $3 WHERE plan_id = $1`, [d.planId, d.outcome, d.at]),
};

const local = (type: string) => type.slice(type.indexOf('.') + 1);

export const coachingReadProjection: Projection = {
  name: COACHING_READ,
  version: 1,
  handles: Object.keys(APPLY).map((t) => `coaching.${t}`),
  tables: Object.values(COACHING_READ_TABLES),
  // The runner's transaction also stores the checkpoint: never commit here.
  async apply(batch, tx, tables: TableNames) {
    const t = (k: keyof typeof COACHING_READ_TABLES) => quoteTable(tables[COACHING_READ_TABLES[k]]);
    for (const e of batch) await APPLY[local(e.type)]?.(e.data as D, e, t, tx);
  },
};
