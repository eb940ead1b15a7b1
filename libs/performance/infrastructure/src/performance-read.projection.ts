import { ERASED } from '@tpm/event-store';
import { quoteTable, type Projection } from '@tpm/projections';
import { foldPerformanceBatch, PERFORMANCE_READ_TYPES } from './performance-read.fold';

export const PERFORMANCE_READ_TABLES = {
  cycles: 'performance_read.cycles',
  participants: 'performance_read.cycle_participants',
  appraisals: 'performance_read.appraisals',
  goals: 'performance_read.goals',
  objectives: 'performance_read.objectives',
  employees: 'performance_read.employees',
  units: 'performance_read.business_units',
  bandCounts: 'performance_read.band_counts',
} as const;

/** The store-fed read model's name: commands wait on it by this name. */
export const PERFORMANCE_READ = 'performance-read';

const json = (rows: unknown[]) => JSON.stringify(rows);

/**
 * Cycles (settings, stage, size, the stream version they reflect), participants with their
 * appraisal figures, goals and objectives, and the org facts enrolment needs: the performance
 * service's own events, from its store (ADR 0025).
 */
export const performanceReadProjection: Projection = {
  name: PERFORMANCE_READ,
  version: 1,
  handles: PERFORMANCE_READ_TYPES,
  tables: Object.values(PERFORMANCE_READ_TABLES),
  // The runner's transaction also stores the checkpoint: never commit here.
  async apply(batch, tx, tables) {
    const t = Object.fromEntries(Object.entries(PERFORMANCE_READ_TABLES).map(([k, v]) => [k, quoteTable(tables[v])])) as Record<keyof typeof PERFORMANCE_READ_TABLES, string>;
    const c = foldPerformanceBatch(batch);

    if (c.cyclesOpened.length) {
      await tx.query(
        `INSERT INTO ${t.cycles} (cycle_id, period, business_unit_id, bands, rules_version, stage, participant_count, version)
         SELECT x->>'cycleId', x->>'period', x->>'businessUnitId', x->'bands', (x->>'rulesVersion')::int, 'planning', 0, 0
           FROM jsonb_array_elements($1::jsonb) x
         ON CONFLICT (cycle_id) DO NOTHING`,
        [json(c.cyclesOpened)],
      );
    }
    if (c.participants.length) {
      // Counted as inserted: a participant is enrolled once, so the count never needs a recount.
      // Each new participant is one more unassessed ('' band) in its unit.
      await tx.query(
        `WITH added AS (
           INSERT INTO ${t.participants} (cycle_id, employee_id, business_unit_id)
           SELECT x->>'cycleId', x->>'employeeId', x->>'businessUnitId' FROM jsonb_array_elements($1::jsonb) x
           ON CONFLICT DO NOTHING RETURNING cycle_id, business_unit_id),
         counted AS (
           INSERT INTO ${t.bandCounts} AS b (cycle_id, business_unit_id, rating_band, n)
           SELECT cycle_id, business_unit_id, '', count(*)::int FROM added GROUP BY 1, 2
           ON CONFLICT (cycle_id, business_unit_id, rating_band) DO UPDATE SET n = b.n + EXCLUDED.n)
         UPDATE ${t.cycles} c SET participant_count = c.participant_count + a.n
           FROM (SELECT cycle_id, count(*)::int AS n FROM added GROUP BY cycle_id) a WHERE c.cycle_id = a.cycle_id`,
        [json(c.participants)],
      );
    }
    if (c.cycleHeads.length) {
      await tx.query(
        `UPDATE ${t.cycles} c SET stage = COALESCE(x->>'stage', c.stage), version = GREATEST(c.version, (x->>'version')::int)
           FROM jsonb_array_elements($1::jsonb) x WHERE c.cycle_id = x->>'cycleId'`,
        [json(c.cycleHeads)],
      );
    }
    if (c.appraisals.length) {
      // A key present in the patch sets the column; an absent key keeps it. A band that moves
      // moves one count of the participant's unit from the old band ('' before any) to the new:
      // every CTE reads the snapshot before the upsert, so `was` is the stored band.
      await tx.query(
        `WITH patch AS (
           SELECT x->>'cycleId' AS cycle_id, x->>'employeeId' AS employee_id, x FROM jsonb_array_elements($1::jsonb) x),
         was AS (
           SELECT a.cycle_id, a.employee_id, a.rating_band FROM ${t.appraisals} a JOIN patch USING (cycle_id, employee_id)),
         upserted AS (
           INSERT INTO ${t.appraisals} AS a (cycle_id, employee_id, rating_band, score, objectives, finalized)
           SELECT cycle_id, employee_id, x->>'ratingBand', (x->>'score')::numeric, x->'objectives', COALESCE((x->>'finalized')::boolean, false) FROM patch
           ON CONFLICT (cycle_id, employee_id) DO UPDATE SET
             rating_band = COALESCE(EXCLUDED.rating_band, a.rating_band),
             score = COALESCE(EXCLUDED.score, a.score),
             objectives = COALESCE(EXCLUDED.objectives, a.objectives),
             finalized = a.finalized OR EXCLUDED.finalized
           RETURNING cycle_id, employee_id, rating_band),
         moved AS (
           SELECT p.cycle_id, p.business_unit_id, COALESCE(w.rating_band, '') AS old_band, COALESCE(u.rating_band, '') AS new_band
             FROM upserted u JOIN ${t.participants} p USING (cycle_id, employee_id) LEFT JOIN was w USING (cycle_id, employee_id)
            WHERE COALESCE(w.rating_band, '') <> COALESCE(u.rating_band, '')),
         deltas AS (
           SELECT cycle_id, business_unit_id, old_band AS rating_band, -1 AS d FROM moved
           UNION ALL
           SELECT cycle_id, business_unit_id, new_band, 1 FROM moved)
         INSERT INTO ${t.bandCounts} AS b (cycle_id, business_unit_id, rating_band, n)
         SELECT cycle_id, business_unit_id, rating_band, sum(d)::int FROM deltas GROUP BY 1, 2, 3
         ON CONFLICT (cycle_id, business_unit_id, rating_band) DO UPDATE SET n = b.n + EXCLUDED.n`,
        [json(c.appraisals)],
      );
    }
    if (c.goals.length) {
      await tx.query(
        `INSERT INTO ${t.goals} (goal_id, period, title, parent_goal_id, business_unit_id, position)
         SELECT x->>'goalId', x->>'period', x->>'title', x->>'parentGoalId', x->>'businessUnitId', (x->>'position')::bigint
           FROM jsonb_array_elements($1::jsonb) x
         ON CONFLICT (goal_id) DO UPDATE SET period = EXCLUDED.period, title = EXCLUDED.title, parent_goal_id = EXCLUDED.parent_goal_id,
           business_unit_id = EXCLUDED.business_unit_id`,
        [json(c.goals)],
      );
    }
    if (c.objectives.length) {
      await tx.query(
        `INSERT INTO ${t.objectives} (period, employee_id, objective_id, title, parent_goal_id, position)
         SELECT x->>'period', x->>'employeeId', x->>'objectiveId', x->>'title', x->>'parentGoalId', (x->>'position')::bigint
           FROM jsonb_array_elements($1::jsonb) x
         ON CONFLICT (period, employee_id, objective_id) DO UPDATE SET title = EXCLUDED.title, parent_goal_id = EXCLUDED.parent_goal_id`,
        [json(c.objectives)],
      );
    }
    const wholeEmployees = c.employees.filter((e) => e.whole);
    if (wholeEmployees.length) {
      await tx.query(
        `INSERT INTO ${t.employees} (employee_id, business_unit_id, active)
         SELECT x->>'employeeId', x->>'businessUnitId', (x->>'active')::boolean FROM jsonb_array_elements($1::jsonb) x
         ON CONFLICT (employee_id) DO UPDATE SET business_unit_id = EXCLUDED.business_unit_id, active = EXCLUDED.active`,
        [json(wholeEmployees)],
      );
    }
    const employeeChanges = c.employees.filter((e) => !e.whole);
    if (employeeChanges.length) {
      await tx.query(
        `UPDATE ${t.employees} e SET business_unit_id = COALESCE(x->>'businessUnitId', e.business_unit_id), active = COALESCE((x->>'active')::boolean, e.active)
           FROM jsonb_array_elements($1::jsonb) x WHERE e.employee_id = x->>'employeeId'`,
        [json(employeeChanges)],
      );
    }
    const wholeUnits = c.units.filter((u) => u.whole);
    if (wholeUnits.length) {
      await tx.query(
        `INSERT INTO ${t.units} (business_unit_id, parent_id)
         SELECT x->>'businessUnitId', x->>'parentId' FROM jsonb_array_elements($1::jsonb) x
         ON CONFLICT (business_unit_id) DO UPDATE SET parent_id = EXCLUDED.parent_id`,
        [json(wholeUnits)],
      );
    }
    const moved = c.units.filter((u) => !u.whole);
    if (moved.length) {
      await tx.query(
        `UPDATE ${t.units} u SET parent_id = x->>'parentId' FROM jsonb_array_elements($1::jsonb) x WHERE u.business_unit_id = x->>'businessUnitId'`,
        [json(moved)],
      );
    }
    if (c.erased.length) {
      await tx.query(`UPDATE ${t.objectives} SET title = $2 WHERE employee_id = ANY($1::text[])`, [c.erased, ERASED]);
    }
  },
};
