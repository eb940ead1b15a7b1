import { logTopicOf, topicOf, type AppraisalFinalized, type Envelope } from '@tpm/contracts';
import { quoteTable, type Projection } from '@tpm/projections';
import { applyLevels, CELLS, LEVELS, recomputeCells, scopeOf, touchedBy } from './dashboard-cells';
import { insertRows, keepFirst, keepLatest, mergeBy, rm, typeName, type Row } from './sql-rows';

export const PERFORMANCE_RESULT_TABLES = { results: rm('appraisal_results') } as const;
const RESULT_CELLS = [CELLS.appraisalBands, CELLS.appraisalManagers, CELLS.appraisalBoxes];
export const PERFORMANCE_RESULT_TOPICS = [topicOf('performance')];

/**
 * One row per finalized appraisal, from the published `performance.AppraisalFinalized` (v1 is
 * upcast to v2 by the decoder: potential null, the 9-box leaves it unplaced). Distribution by band
 * and by manager, the 9-box, goal attainment and the trend across cycles are all read from here.
 */
export const performanceResultsProjection: Projection = {
  name: 'performance-results',
  version: 1,
  // Onboardings give the employees' levels, which key the cells (ADR 0032).
  handles: ['performance.AppraisalFinalized', 'performance.EmployeeOnboarded'],
  tables: [PERFORMANCE_RESULT_TABLES.results, LEVELS.results, ...RESULT_CELLS.map((c) => c.table)],
  async apply(batch: Envelope[], tx, tables) {
    await applyLevels(tx, tables, batch, LEVELS.results, RESULT_CELLS);
    const rows = batch.filter((e) => e.type === 'performance.AppraisalFinalized').map((e) => {
      const d = e.data as AppraisalFinalized['data'];
      const scores = d.indicators.map((i) => i.score);
      return {
        appraisal_id: d.appraisalId,
        cycle_id: d.cycleId,
        period: d.period,
        employee_id: d.employeeId,
        business_unit_id: d.businessUnitId,
        manager_id: d.managerId,
        score: d.score,
        rating_band: d.ratingBand,
        rating_band_rank: d.ratingBandRank,
        potential: d.potential ?? null,
        goal_attainment: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
        indicator_count: scores.length,
        competency_gap_count: d.competencyGaps.length,
        finalized_at: d.finalizedAt,
        correlation_id: e.correlationId,
      };
    });
    if (!rows.length) return;
    const merged = mergeBy(rows, (r) => r.appraisal_id as string, 'last');
    await insertRows(
      tx,
      tables[PERFORMANCE_RESULT_TABLES.results],
      [
        ['appraisal_id', 'text'], ['cycle_id', 'text'], ['period', 'text'], ['employee_id', 'text'], ['business_unit_id', 'text'], ['manager_id', 'text'],
        ['score', 'numeric'], ['rating_band', 'text'], ['rating_band_rank', 'int'], ['potential', 'text'], ['goal_attainment', 'numeric'],
        ['indicator_count', 'int'], ['competency_gap_count', 'int'], ['finalized_at', 'timestamptz'], ['correlation_id', 'text'],
      ],
      merged,
      'ON CONFLICT (appraisal_id) DO NOTHING',
    );
    // A result never changes once stored, so only the batch's own units and cycles can have moved.
    const touched = scopeOf(merged, ['business_unit_id', 'cycle_id']);
    for (const cells of RESULT_CELLS) await recomputeCells(tx, tables, cells, touched);
  },
};

export const PERFORMANCE_STAGE_TABLES = { stages: rm('appraisal_stages'), shifts: rm('calibration_shifts') } as const;
/**
 * Stages are not published as contracts (see ADR 0024): they are read from `performance.log`,
 * taking only ids, bands and dates; the comments and reasons there are never read.
 */
export const PERFORMANCE_STAGE_TOPICS = [logTopicOf('performance')];

type StageData = { cycleId: string; employeeId: string; businessUnitId?: string; at?: string; finalizedAt?: string; fromBand?: string; toBand?: string; score?: number; calibratedBy?: string; ratingBand?: string };
const STAGE_COLUMN: Record<string, string> = {
  SelfAssessmentSubmitted: 'self_at',
  ManagerAssessmentSubmitted: 'manager_at',
  RatingCalibrated: 'calibrated_at',
  AppraisalFinalized: 'finalized_at',
  AppraisalAcknowledged: 'acknowledged_at',
  AppraisalDisputed: 'disputed_at',
};
const STAGES = Object.values(STAGE_COLUMN);

/** Appraisal completion by stage per cycle, and every calibration's before → after. */
export const performanceStagesProjection: Projection = {
  name: 'performance-stages',
  version: 1,
  handles: [...Object.keys(STAGE_COLUMN).map((t) => `performance.${t}`), 'performance.EmployeeOnboarded'],
  tables: [PERFORMANCE_STAGE_TABLES.stages, PERFORMANCE_STAGE_TABLES.shifts, LEVELS.stages, CELLS.appraisalStages.table, CELLS.calibrationShifts.table],
  async apply(batch: Envelope[], tx, tables) {
    await applyLevels(tx, tables, batch, LEVELS.stages, [CELLS.appraisalStages, CELLS.calibrationShifts]);
    const stages: Row[] = [];
    const shifts: Row[] = [];
    for (const e of batch) {
      const d = e.data as StageData;
      const type = typeName(e);
      if (!STAGE_COLUMN[type]) continue;
      const at = d.at ?? d.finalizedAt ?? e.occurredAt;
      const row: Row = { cycle_id: d.cycleId, employee_id: d.employeeId, business_unit_id: d.businessUnitId ?? e.businessUnitId };
      for (const s of STAGES) row[s] = null;
      row[STAGE_COLUMN[type]] = at;
      row.provisional_band = type === 'ManagerAssessmentSubmitted' ? (d.ratingBand ?? null) : type === 'RatingCalibrated' ? (d.toBand ?? null) : null;
      row.final_band = type === 'AppraisalFinalized' ? (d.ratingBand ?? null) : null;
      stages.push(row);
      if (type === 'RatingCalibrated') {
        shifts.push({
          event_id: e.eventId,
          cycle_id: d.cycleId,
          employee_id: d.employeeId,
          business_unit_id: e.businessUnitId,
          from_band: d.fromBand,
          to_band: d.toBand,
          score: d.score ?? null,
          calibrated_by: d.calibratedBy ?? e.actor.subject,
          calibrated_at: at,
        });
      }
    }
    const mergedStages = mergeBy(stages, (r) => `${r.cycle_id}\u0000${r.employee_id}`, 'first', ['business_unit_id', 'provisional_band', 'final_band']);
    // The stage row's unit is the latest named: a later event may move it, so the old unit's cells are recomputed too.
    const touched = await touchedBy(tx, tables[PERFORMANCE_STAGE_TABLES.stages], [['cycle_id', 'text'], ['employee_id', 'text']], mergedStages, ['business_unit_id', 'cycle_id'], () =>
      insertRows(
        tx,
        tables[PERFORMANCE_STAGE_TABLES.stages],
        [['cycle_id', 'text'], ['employee_id', 'text'], ['business_unit_id', 'text'], ...STAGES.map((s) => [s, 'timestamptz'] as const), ['provisional_band', 'text'], ['final_band', 'text']],
        mergedStages,
        `ON CONFLICT (cycle_id, employee_id) DO UPDATE SET ${keepFirst('t', STAGES)}, ${keepLatest('t', ['business_unit_id', 'provisional_band', 'final_band'])}`,
      ),
    );
    await recomputeCells(tx, tables, CELLS.appraisalStages, touched);
    await insertRows(
      tx,
      tables[PERFORMANCE_STAGE_TABLES.shifts],
      [['event_id', 'text'], ['cycle_id', 'text'], ['employee_id', 'text'], ['business_unit_id', 'text'], ['from_band', 'text'], ['to_band', 'text'], ['score', 'numeric'], ['calibrated_by', 'text'], ['calibrated_at', 'timestamptz']],
      shifts,
      'ON CONFLICT (event_id) DO NOTHING',
    );
    // A shift never changes once stored, except for the unit it takes from its stage row below.
    const moved: Row[] = [];
    // A calibration whose envelope named no unit takes its appraisal's (from the stage row).
    if (shifts.some((r) => !r.business_unit_id)) {
      const [rows] = await tx.query(
        `UPDATE ${quoteTable(tables[PERFORMANCE_STAGE_TABLES.shifts])} s SET business_unit_id = st.business_unit_id
           FROM ${quoteTable(tables[PERFORMANCE_STAGE_TABLES.stages])} st
          WHERE s.business_unit_id IS NULL AND st.cycle_id = s.cycle_id AND st.employee_id = s.employee_id AND st.business_unit_id IS NOT NULL
          RETURNING s.business_unit_id, s.cycle_id`,
      );
      for (const r of rows as Row[]) moved.push(r, { business_unit_id: null, cycle_id: r.cycle_id });
    }
    await recomputeCells(tx, tables, CELLS.calibrationShifts, scopeOf([...shifts, ...moved], ['business_unit_id', 'cycle_id']));
  },
};
