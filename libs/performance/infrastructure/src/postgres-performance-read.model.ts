import type { EventStore } from '@tpm/event-store';
import { cycleStream, type AppraisalRecord, type CycleRecord, type PerformanceReadModel } from '@tpm/performance-application';
import { CYCLE_STAGES, type AlignedObjective, type CycleParticipant, type CycleStage, type GoalRecord } from '@tpm/performance-domain';
import type { DataSource } from 'typeorm';

/** What the read model needs of its runner: to have applied everything committed before the call. */
export interface CatchingUp {
  catchUp(): Promise<void>;
}

const CYCLE_COLUMNS = `cycle_id AS "cycleId", period, business_unit_id AS "businessUnitId", bands, rules_version AS "rulesVersion",
  stage, participant_count AS "participantCount", version`;

/**
 * The performance read tables, each answer fresh (ADR 0025). A cycle is read at its stream's
 * latest committed version: the stream's version is one indexed read, and only when the read model
 * is behind it does the caller wait for the runner (right after a stage advance or an enrolment).
 * Reads spanning many aggregates first catch the runner up to everything committed before them.
 */
export class PostgresPerformanceReadModel implements PerformanceReadModel {
  constructor(
    private readonly db: DataSource,
    private readonly store: Pick<EventStore, 'streamVersion'>,
    private readonly runner: CatchingUp,
  ) {}

  async cycle(cycleId: string): Promise<CycleRecord | null> {
    const committed = await this.store.streamVersion(cycleStream(cycleId));
    if (committed === 0) return null;
    let row = await this.cycleRow(cycleId);
    if (!row || row.version < committed) {
      await this.runner.catchUp();
      row = await this.cycleRow(cycleId);
    }
    return row;
  }

  async participant(cycleId: string, employeeId: string): Promise<{ cycle: CycleRecord; businessUnitId: string | null } | null> {
    const cycle = await this.cycle(cycleId);
    if (!cycle) return null;
    // The cycle row and its participants are written in one transaction: fresh together.
    const rows: { unit: string }[] = await this.db.query(`SELECT business_unit_id AS unit FROM performance_read.cycle_participants WHERE cycle_id = $1 AND employee_id = $2`, [
      cycleId,
      employeeId,
    ]);
    return { cycle, businessUnitId: rows[0]?.unit ?? null };
  }

  participantPage(cycleId: string, after: string | null, limit: number): Promise<CycleParticipant[]> {
    return this.db.query(
      `SELECT employee_id AS "employeeId", business_unit_id AS "businessUnitId" FROM performance_read.cycle_participants
        WHERE cycle_id = $1 AND ($2::text IS NULL OR employee_id > $2) ORDER BY employee_id LIMIT $3`,
      [cycleId, after, limit],
    );
  }

  async enrolledAmong(cycleId: string, employeeIds: string[]): Promise<string[]> {
    if (!employeeIds.length) return [];
    const rows: { id: string }[] = await this.db.query(`SELECT employee_id AS id FROM performance_read.cycle_participants WHERE cycle_id = $1 AND employee_id = ANY($2::text[])`, [
      cycleId,
      employeeIds,
    ]);
    return rows.map((r) => r.id);
  }

  async appraisals(cycleId: string, options: { objectives?: boolean } = {}): Promise<AppraisalRecord[]> {
    await this.runner.catchUp();
    const rows: (AppraisalRecord & { score: string | null })[] = await this.db.query(
      `SELECT p.employee_id AS "employeeId", p.business_unit_id AS "businessUnitId", a.rating_band AS "ratingBand", a.score::text AS score,
              ${options.objectives === false ? 'NULL::jsonb' : 'a.objectives'} AS objectives, COALESCE(a.finalized, false) AS finalized
         FROM performance_read.cycle_participants p LEFT JOIN performance_read.appraisals a USING (cycle_id, employee_id)
        WHERE p.cycle_id = $1 ORDER BY p.employee_id`,
      [cycleId],
    );
    return rows.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) }));
  }

  async bandCounts(cycleId: string): Promise<{ businessUnitId: string; ratingBand: string | null; count: number }[]> {
    await this.runner.catchUp();
    // Kept by the projection as bands move: one row per unit and band, whatever the cycle's size.
    return this.db.query(
      `SELECT business_unit_id AS "businessUnitId", NULLIF(rating_band, '') AS "ratingBand", n AS count
         FROM performance_read.band_counts WHERE cycle_id = $1 AND n > 0`,
      [cycleId],
    );
  }

  async furthestStage(employeeId: string, period: string): Promise<CycleStage | null> {
    await this.runner.catchUp();
    const rows: { stage: CycleStage }[] = await this.db.query(
      `SELECT c.stage FROM performance_read.cycle_participants p JOIN performance_read.cycles c USING (cycle_id)
        WHERE p.employee_id = $1 AND c.period = $2`,
      [employeeId, period],
    );
    return rows.reduce<CycleStage | null>((furthest, { stage }) => (furthest === null || CYCLE_STAGES.indexOf(stage) > CYCLE_STAGES.indexOf(furthest) ? stage : furthest), null);
  }

  async activeEmployeesIn(businessUnitId: string | null): Promise<CycleParticipant[]> {
    await this.runner.catchUp();
    if (businessUnitId === null) {
      return this.db.query(`SELECT employee_id AS "employeeId", business_unit_id AS "businessUnitId" FROM performance_read.employees WHERE active ORDER BY employee_id`);
    }
    // The subtree by its parent links; UNION (not ALL) so corrupted history can never loop.
    return this.db.query(
      `WITH RECURSIVE subtree(id) AS (
         SELECT $1::text
         UNION
         SELECT u.business_unit_id FROM performance_read.business_units u JOIN subtree s ON u.parent_id = s.id)
       SELECT e.employee_id AS "employeeId", e.business_unit_id AS "businessUnitId"
         FROM performance_read.employees e JOIN subtree s ON e.business_unit_id = s.id
        WHERE e.active ORDER BY e.employee_id`,
      [businessUnitId],
    );
  }

  async alignment(period: string): Promise<{ goals: GoalRecord[]; objectives: AlignedObjective[] }> {
    await this.runner.catchUp();
    const goals: GoalRecord[] = await this.db.query(
      `SELECT goal_id AS "goalId", title, parent_goal_id AS "parentGoalId", business_unit_id AS "businessUnitId"
         FROM performance_read.goals WHERE period = $1 ORDER BY position`,
      [period],
    );
    const objectives: AlignedObjective[] = await this.db.query(
      `SELECT objective_id AS "objectiveId", employee_id AS "employeeId", title, parent_goal_id AS "parentGoalId"
         FROM performance_read.objectives WHERE period = $1 ORDER BY position`,
      [period],
    );
    return { goals, objectives };
  }

  private async cycleRow(cycleId: string): Promise<CycleRecord | null> {
    const rows: CycleRecord[] = await this.db.query(`SELECT ${CYCLE_COLUMNS} FROM performance_read.cycles WHERE cycle_id = $1`, [cycleId]);
    return rows[0] ?? null;
  }
}
