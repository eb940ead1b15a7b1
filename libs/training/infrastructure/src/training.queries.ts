import { programEffect, type AppraisalPoint, type ProgramEffect, type ProgramEvaluationStats } from '@tpm/training-domain';
import type { Pool } from 'pg';

export interface NeedsFilter {
  businessUnitIds: string[] | null;
  status?: string;
  sort?: 'priority' | 'identifiedAt';
  limit?: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The questions the training read tables answer. */
export class TrainingQueries {
  constructor(private readonly pool: Pool) {}

  async needs(f: NeedsFilter) {
    const { rows } = await this.pool.query(
      `SELECT need_id AS "needId", employee_id AS "employeeId", business_unit_id AS "businessUnitId", competency,
              current_level AS "currentLevel", required_level AS "requiredLevel", gap, source, source_ref AS "sourceRef",
              strategic_weight::float AS "strategicWeight", priority::float AS priority, priority_version AS "priorityVersion",
              status, correlation_id AS "correlationId", identified_at AS "identifiedAt", closed_at AS "closedAt"
         FROM training_read.needs
        WHERE ($1::text[] IS NULL OR business_unit_id = ANY($1)) AND ($2::text IS NULL OR status = $2)
        ORDER BY ${f.sort === 'identifiedAt' ? 'identified_at DESC' : 'priority DESC, identified_at'} LIMIT $3`,
      [f.businessUnitIds, f.status ?? null, f.limit ?? 100],
    );
    return rows;
  }

  async completedPrograms(employeeId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ program_id: string }>(`SELECT DISTINCT program_id FROM training_read.completions WHERE employee_id = $1`, [employeeId]);
    return rows.map((r) => r.program_id);
  }

  async openEnrolments(employeeId: string, db: { query: Pool['query'] } = this.pool): Promise<string[]> {
    const { rows } = await db.query<{ session_id: string }>(
      `SELECT session_id FROM training_read.enrolments WHERE employee_id = $1 AND status IN ('seated', 'waitlisted') ORDER BY session_id`,
      [employeeId],
    );
    return rows.map((r) => r.session_id);
  }

  async roster(sessionId: string) {
    const { rows } = await this.pool.query(
      `SELECT employee_id AS "employeeId", business_unit_id AS "businessUnitId", status, via FROM training_read.enrolments WHERE session_id = $1 ORDER BY enrolled_at`,
      [sessionId],
    );
    return rows;
  }

  /** Kirkpatrick L1-L3 averages of one program, across its sessions. */
  async evaluations(programId: string) {
    const { rows } = await this.pool.query(
      `SELECT count(*)::int AS participants, avg(reaction_average)::float AS "reactionAverage", count(reaction_average)::int AS "reactionCount",
              avg(learning_gain)::float AS "learningGain", count(learning_gain)::int AS "learningCount",
              avg(behaviour_rating)::float AS "behaviourRating", count(behaviour_rating)::int AS "behaviourCount"
         FROM training_read.evaluations WHERE program_id = $1`,
      [programId],
    );
    const r = rows[0];
    const round = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
    return {
      programId,
      l1: { average: round(r.reactionAverage), responses: r.reactionCount },
      l2: { averageGain: round(r.learningGain), tested: r.learningCount },
      l3: { averageRating: round(r.behaviourRating), observed: r.behaviourCount },
    };
  }

  /** Kirkpatrick L4: appraisal change of trained employees against untrained peers (same unit and band). */
  async effectiveness(programId: string): Promise<ProgramEffect> {
    const completions = await this.pool.query(
      `SELECT employee_id AS "employeeId", completed_at AS "completedAt" FROM training_read.completions WHERE program_id = $1`,
      [programId],
    );
    const trained = completions.rows.map((r) => r.employeeId as string);
    // Peers: everyone ever appraised in a unit a trained employee was appraised in (all their appraisals).
    const { rows } = await this.pool.query(
      `SELECT employee_id AS "employeeId", business_unit_id AS "businessUnitId", period, score::float AS score, rating_band_rank AS "ratingBandRank",
              indicator_average::float AS "indicatorAverage", finalized_at AS "finalizedAt"
         FROM training_read.appraisals
        WHERE employee_id IN (
          SELECT employee_id FROM training_read.appraisals
           WHERE business_unit_id IN (SELECT business_unit_id FROM training_read.appraisals WHERE employee_id = ANY($1))
          UNION SELECT unnest($1::text[]))`,
      [trained],
    );
    const points: AppraisalPoint[] = rows.map((r) => ({ ...r, finalizedAt: new Date(r.finalizedAt).toISOString() }));
    return programEffect(
      programId,
      completions.rows.map((r) => ({ employeeId: r.employeeId, completedAt: new Date(r.completedAt).toISOString() })),
      points,
    );
  }

  async evaluationStats(programId: string): Promise<ProgramEvaluationStats> {
    const [e, l4] = await Promise.all([this.evaluations(programId), this.effectiveness(programId)]);
    return { reactionAverage: e.l1.average, learningGain: e.l2.averageGain, resultEffect: num(l4.overall.scoreEffect) };
  }
}
