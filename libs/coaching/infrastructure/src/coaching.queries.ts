import type { CarriedActionItem, StyleInputs } from '@tpm/coaching-domain';
import type { SessionHistory, StyleEvidence } from '@tpm/coaching-application';
import type { Pool } from 'pg';

type Db = { query: Pool['query'] };
const units = (u: string[] | null) => u;

/** The questions the coaching read tables answer; no personal text lives in them. */
export class CoachingQueries implements SessionHistory, StyleEvidence {
  constructor(private readonly pool: Pool) {}

  async lastEndedSession(engagementId: string, db: Db = this.pool): Promise<string | null> {
    const { rows } = await db.query<{ session_id: string }>(
      `SELECT session_id FROM coaching_read.sessions WHERE engagement_id = $1 AND ended_seq IS NOT NULL ORDER BY ended_seq DESC LIMIT 1`,
      [engagementId],
    );
    return rows[0]?.session_id ?? null;
  }

  async openActionItems(engagementId: string, db: Db = this.pool): Promise<CarriedActionItem[]> {
    const { rows } = await db.query<{ action_item_id: string; session_id: string }>(
      `SELECT action_item_id, session_id FROM coaching_read.action_items WHERE engagement_id = $1 AND status = 'open' ORDER BY due_on, session_id, action_item_id`,
      [engagementId],
    );
    return rows.map((r) => ({ actionItemId: r.action_item_id, fromSessionId: r.session_id }));
  }

  /** The evidence of style v1, in a stable order so that the same evidence is the same input. */
  async inputsFor(engagementId: string, coacheeId: string, db: Db = this.pool): Promise<StyleInputs> {
    const appraisal = (
      await db.query(
        `SELECT appraisal_id AS "appraisalId", period, rating_band_rank AS "ratingBandRank", score::float AS score, competency_gaps AS gaps, finalized_at AS "finalizedAt"
           FROM coaching_read.appraisals WHERE employee_id = $1 ORDER BY finalized_at DESC, appraisal_id DESC LIMIT 1`,
        [coacheeId],
      )
    ).rows[0];
    const objectives = await db.query<{ objectiveId: string; completion: number }>(
      `SELECT objective_id AS "objectiveId", completion::float AS completion FROM coaching_read.objective_progress WHERE engagement_id = $1 ORDER BY objective_id`,
      [engagementId],
    );
    const difficulties = (
      await db.query<{ skill: number; obstacle: number }>(
        `SELECT count(*) FILTER (WHERE kind = 'skill-gap')::int AS skill, count(*) FILTER (WHERE kind = 'external-obstacle')::int AS obstacle
           FROM coaching_read.difficulties WHERE employee_id = $1 AND status = 'open'`,
        [coacheeId],
      )
    ).rows[0];
    const trained = await db.query<{ competencies: string[] }>(
      `SELECT competencies FROM coaching_read.training_completions WHERE employee_id = $1 AND ($2::timestamptz IS NULL OR completed_at >= $2) ORDER BY session_id`,
      [coacheeId, appraisal?.finalizedAt ?? null],
    );
    return {
      appraisal: appraisal
        ? {
            appraisalId: appraisal.appraisalId,
            period: appraisal.period,
            ratingBandRank: appraisal.ratingBandRank,
            score: appraisal.score,
            competencyGaps: (appraisal.gaps as { competency: string; gap: number }[]).map((g) => ({ competency: g.competency, gap: g.gap })),
          }
        : null,
      objectives: objectives.rows,
      openDifficulties: { skillGaps: difficulties.skill, externalObstacles: difficulties.obstacle },
      completedTraining: { competencies: [...new Set(trained.rows.flatMap((r) => r.competencies))].sort(), count: trained.rows.length },
    };
  }

  activeEngagementsOf(coacheeId: string, db: Db = this.pool): Promise<string[]> {
    return db.query<{ engagement_id: string }>(`SELECT engagement_id FROM coaching_read.engagements WHERE coachee_id = $1 AND status <> 'closed' ORDER BY engagement_id`, [coacheeId]).then((r) => r.rows.map((x) => x.engagement_id));
  }

  openPlansOf(employeeId: string, db: Db = this.pool): Promise<string[]> {
    return db.query<{ plan_id: string }>(`SELECT plan_id FROM coaching_read.improvement_plans WHERE employee_id = $1 AND status <> 'closed' ORDER BY plan_id`, [employeeId]).then((r) => r.rows.map((x) => x.plan_id));
  }

  openReviewsOf(employeeId: string, db: Db = this.pool): Promise<string[]> {
    return db.query<{ review_id: string }>(`SELECT review_id FROM coaching_read.monthly_reviews WHERE employee_id = $1 AND status = 'open' ORDER BY review_id`, [employeeId]).then((r) => r.rows.map((x) => x.review_id));
  }

  async engagements(f: { businessUnitIds: string[] | null; coacheeId?: string; coachId?: string; status?: string; limit?: number }) {
    const { rows } = await this.pool.query(
      `SELECT engagement_id AS "engagementId", coach_id AS "coachId", coach_kind AS "coachKind", coachee_id AS "coacheeId", business_unit_id AS "businessUnitId",
              status, cadence, cycle_id AS "cycleId", style, style_source AS "styleSource", style_version AS "styleVersion", started_at AS "startedAt",
              closed_at AS "closedAt", outcome
         FROM coaching_read.engagements
        WHERE ($1::text[] IS NULL OR business_unit_id = ANY($1)) AND ($2::text IS NULL OR coachee_id = $2) AND ($3::text IS NULL OR coach_id = $3)
          AND ($4::text IS NULL OR status = $4)
        ORDER BY started_at DESC, engagement_id LIMIT $5`,
      [units(f.businessUnitIds), f.coacheeId ?? null, f.coachId ?? null, f.status ?? null, f.limit ?? 100],
    );
    return rows;
  }

  async sessionsOf(engagementId: string) {
    const { rows } = await this.pool.query(
      `SELECT session_id AS "sessionId", kind, status, scheduled_for AS "scheduledFor", held_at AS "heldAt", duration_minutes AS "durationMinutes"
         FROM coaching_read.sessions WHERE engagement_id = $1 ORDER BY scheduled_for, session_id`,
      [engagementId],
    );
    return rows;
  }

  async actionItems(f: { engagementId?: string; ownerId?: string; businessUnitIds: string[] | null; status?: string }) {
    const { rows } = await this.pool.query(
      `SELECT session_id AS "sessionId", action_item_id AS "actionItemId", engagement_id AS "engagementId", owner_id AS "ownerId",
              to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status, done_at AS "doneAt"
         FROM coaching_read.action_items
        WHERE ($1::text IS NULL OR engagement_id = $1) AND ($2::text IS NULL OR owner_id = $2) AND ($3::text[] IS NULL OR business_unit_id = ANY($3))
          AND ($4::text IS NULL OR status = $4)
        ORDER BY due_on, session_id, action_item_id LIMIT 500`,
      [f.engagementId ?? null, f.ownerId ?? null, f.businessUnitIds, f.status ?? null],
    );
    return rows;
  }

  async difficulties(f: { businessUnitIds: string[] | null; status?: string; kind?: string; assigneeId?: string }) {
    const { rows } = await this.pool.query(
      `SELECT difficulty_id AS "difficultyId", engagement_id AS "engagementId", session_id AS "sessionId", employee_id AS "employeeId",
              business_unit_id AS "businessUnitId", kind, competency, current_level AS "currentLevel", required_level AS "requiredLevel",
              need, assignee_id AS "assigneeId", to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status, reported_at AS "reportedAt", resolved_at AS "resolvedAt",
              correlation_id AS "correlationId"
         FROM coaching_read.difficulties
        WHERE ($1::text[] IS NULL OR business_unit_id = ANY($1)) AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR kind = $3)
          AND ($4::text IS NULL OR assignee_id = $4)
        ORDER BY reported_at DESC, difficulty_id LIMIT 500`,
      [f.businessUnitIds, f.status ?? null, f.kind ?? null, f.assigneeId ?? null],
    );
    return rows;
  }

  async privateNotesOf(engagementId: string) {
    const { rows } = await this.pool.query(
      `SELECT note_id AS "noteId", author_id AS "authorId", written_at AS "writtenAt", revised_at AS "revisedAt", revisions
         FROM coaching_read.private_notes WHERE engagement_id = $1 ORDER BY written_at, note_id`,
      [engagementId],
    );
    return rows;
  }

  /** Forms past their due date and not submitted, in the unit's subtree (the caller's readable part of it). */
  async overdueReviews(businessUnitIds: string[]) {
    const { rows } = await this.pool.query(
      `SELECT review_id AS "reviewId", subject_kind AS "subjectKind", employee_id AS "employeeId", business_unit_id AS "businessUnitId",
              reviewer_id AS "reviewerId", month, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", overdue_at AS "flaggedAt"
         FROM coaching_read.monthly_reviews WHERE status = 'open' AND overdue_at IS NOT NULL AND business_unit_id = ANY($1)
        ORDER BY business_unit_id, due_on, review_id`,
      [businessUnitIds],
    );
    return rows;
  }

  async monthlyReviews(f: { businessUnitIds: string[] | null; month?: string; status?: string }) {
    const { rows } = await this.pool.query(
      `SELECT review_id AS "reviewId", subject_kind AS "subjectKind", employee_id AS "employeeId", business_unit_id AS "businessUnitId",
              reviewer_id AS "reviewerId", month, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status, reminded_at AS "remindedAt",
              overdue_at AS "flaggedOverdueAt", submitted_at AS "submittedAt", on_time AS "onTime"
         FROM coaching_read.monthly_reviews
        WHERE ($1::text[] IS NULL OR business_unit_id = ANY($1)) AND ($2::text IS NULL OR month = $2) AND ($3::text IS NULL OR status = $3)
        ORDER BY due_on, review_id LIMIT 500`,
      [f.businessUnitIds, f.month ?? null, f.status ?? null],
    );
    return rows;
  }

  async improvementPlans(f: { businessUnitIds: string[] | null; employeeId?: string; status?: string }) {
    const { rows } = await this.pool.query(
      `SELECT plan_id AS "planId", employee_id AS "employeeId", business_unit_id AS "businessUnitId", appraisal_id AS "appraisalId",
              opened_by AS "openedBy", status, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", extensions,
              approved_by AS "approvedBy", acknowledged_at AS "acknowledgedAt", outcome, opened_at AS "openedAt", closed_at AS "closedAt",
              correlation_id AS "correlationId"
         FROM coaching_read.improvement_plans
        WHERE ($1::text[] IS NULL OR business_unit_id = ANY($1)) AND ($2::text IS NULL OR employee_id = $2) AND ($3::text IS NULL OR status = $3)
        ORDER BY opened_at DESC, plan_id LIMIT 500`,
      [f.businessUnitIds, f.employeeId ?? null, f.status ?? null],
    );
    return rows;
  }
}
