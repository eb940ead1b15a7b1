import type { AlignedObjective, CycleParticipant, CycleStage, GoalRecord, RatingBand, ScoredObjective } from '@tpm/performance-domain';

/** A cycle's settings, stage and size, as of a version of its stream. */
export interface CycleRecord {
  cycleId: string;
  period: string;
  /** null: the whole organization. */
  businessUnitId: string | null;
  bands: RatingBand[];
  rulesVersion: number;
  stage: CycleStage;
  participantCount: number;
  /** The cycle stream's version this record reflects. */
  version: number;
}

/** One participant's appraisal as the committee compares it: figures only, no personal text. */
export interface AppraisalRecord {
  employeeId: string;
  /** The unit the employee was enrolled under. */
  businessUnitId: string;
  /** The current band (provisional, calibrated, final); null before the manager assessment. */
  ratingBand: string | null;
  score: number | null;
  /** The assessed objectives with their actuals and scoring provenance: what what-if replays. */
  objectives: ScoredObjective[] | null;
  finalized: boolean;
}

/**
 * The performance context's read side as the application needs it (ADR 0025). Every method reads
 * at most what its caller returns or touches; none scans the log or folds a stream per row.
 * Freshness: `cycle` and `participant` answer at the cycle stream's latest committed version (the
 * one a command's append follows); the others answer with everything committed before the call.
 */
export interface PerformanceReadModel {
  /** The cycle at its latest committed version; null when it was never opened. */
  cycle(cycleId: string): Promise<CycleRecord | null>;
  /** The cycle (latest committed) and the unit the employee was enrolled under (null: not a participant). */
  participant(cycleId: string, employeeId: string): Promise<{ cycle: CycleRecord; businessUnitId: string | null } | null>;
  /** Participants' ids in id order, after `after`: a page at a time, whatever the cycle's size. */
  participantPage(cycleId: string, after: string | null, limit: number): Promise<CycleParticipant[]>;
  /** Of these employees, the ones the cycle already holds. */
  enrolledAmong(cycleId: string, employeeIds: string[]): Promise<string[]>;
  /**
   * Every participant's appraisal figures (what-if returns one outcome each). `objectives: false`
   * leaves the assessed objectives out (null), for a what-if that only moves bands.
   */
  appraisals(cycleId: string, options?: { objectives?: boolean }): Promise<AppraisalRecord[]>;
  /** Participants per enrolment unit and current band (band null: not assessed yet). */
  bandCounts(cycleId: string): Promise<{ businessUnitId: string; ratingBand: string | null; count: number }[]>;
  /** The furthest stage of the period's cycles that enrolled the employee; null when none did. */
  furthestStage(employeeId: string, period: string): Promise<CycleStage | null>;
  /** The active employees of a unit's subtree (null: the whole organization), in id order. */
  activeEmployeesIn(businessUnitId: string | null): Promise<CycleParticipant[]>;
  /** The period's goals and employee objectives. */
  alignment(period: string): Promise<{ goals: GoalRecord[]; objectives: AlignedObjective[] }>;
}
