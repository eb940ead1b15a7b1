import { topicOf, type Envelope } from '@tpm/contracts';
import { quoteTable, type Projection, type TableNames } from '@tpm/projections';
import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { CELLS, recomputeCells, storedScope, scopeOf } from './dashboard-cells';
import { insertRows, keepLatest, mergeBy, rm, typeName, type Row } from './sql-rows';

export const ORG_HISTORY_TABLES = { units: rm('org_units'), placements: rm('employee_placements') } as const;

/**
 * Headcount through time without reading every placement (docs/read-models.md, "Headcount as of a
 * date"): the months in which each unit had an arrival or a departure, and the unit's headcount per
 * level at the start of each of those months (only levels with someone). Headcount as of a date is
 * then the snapshot of the unit's latest such month up to the date, plus the arrivals and minus the
 * departures since that month's start: the placements of one month, never the unit's history.
 */
export const HEADCOUNT_TABLES = {
  units: rm('headcount_units'),
  months: rm('headcount_months'),
  snapshots: rm('headcount_month_cells'),
} as const;

/** The start of an instant's month (UTC), or of the month `plus` after it (month arithmetic in UTC, whatever the session's zone). */
export const monthStart = (expr: string, plus = '0') => `((date_trunc('month', ${expr} AT TIME ZONE 'UTC') + ${plus} * interval '1 month') AT TIME ZONE 'UTC')`;

/** Recomputes the months and snapshots of `units` from their placements (all of them: a back-dated move changes every later snapshot). */
async function recomputeHeadcountMonths(tx: EntityManager, tables: TableNames, units: string[]): Promise<void> {
  if (!units.length) return;
  const t = (k: keyof typeof HEADCOUNT_TABLES) => quoteTable(tables[HEADCOUNT_TABLES[k]] ?? HEADCOUNT_TABLES[k]);
  const p = quoteTable(tables[ORG_HISTORY_TABLES.placements] ?? ORG_HISTORY_TABLES.placements);
  await tx.query(`INSERT INTO ${t('units')} (business_unit_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [units]);
  await tx.query(`DELETE FROM ${t('snapshots')} WHERE business_unit_id = ANY($1::text[])`, [units]);
  await tx.query(`DELETE FROM ${t('months')} WHERE business_unit_id = ANY($1::text[])`, [units]);
  await tx.query(
    // Each month with a move, and the month after it: a date in a later month without moves finds
    // the snapshot after the last move (nothing to add), not the moves of the last month.
    `INSERT INTO ${t('months')} (business_unit_id, month)
     SELECT DISTINCT p.business_unit_id, ${monthStart('v.at', 'k.n')}
       FROM ${p} p CROSS JOIN LATERAL (VALUES (p.valid_from), (p.valid_to)) v(at) CROSS JOIN (VALUES (0), (1)) k(n)
      WHERE p.business_unit_id = ANY($1::text[]) AND v.at IS NOT NULL`,
    [units],
  );
  await tx.query(
    `INSERT INTO ${t('snapshots')} (business_unit_id, month, level, headcount)
     SELECT m.business_unit_id, m.month, COALESCE(p.level, 'unknown'), count(*)::int
       FROM ${t('months')} m JOIN ${p} p ON p.business_unit_id = m.business_unit_id AND p.valid_from <= m.month AND (p.valid_to IS NULL OR p.valid_to > m.month)
      WHERE m.business_unit_id = ANY($1::text[])
      GROUP BY 1, 2, 3`,
    [units],
  );
}
export const ORG_HISTORY_TOPICS = [topicOf('performance')];

type D = Record<string, string | null>;

/**
 * The organization through time, without names of people: units (id, name, parent) and one
 * placement row per employee event that moves them (onboarded, transferred, offboarded), valid
 * from its date until the next one. Headcount by unit and level as of any date reads these.
 */
export const orgHistoryProjection: Projection = {
  name: 'org-history',
  version: 1,
  handles: [
    'performance.BusinessUnitRegistered',
    'performance.BusinessUnitReparented',
    'performance.BusinessUnitRenamed',
    'performance.EmployeeOnboarded',
    'performance.EmployeeTransferred',
    'performance.EmployeeOffboarded',
  ],
  tables: [ORG_HISTORY_TABLES.units, ORG_HISTORY_TABLES.placements, CELLS.headcount.table, ...Object.values(HEADCOUNT_TABLES)],
  async apply(batch: Envelope[], tx, tables) {
    const units: Row[] = [];
    const placements: Row[] = [];
    const levelInBatch = new Map<string, string>();
    for (const e of batch) {
      const d = e.data as D;
      switch (typeName(e)) {
        case 'BusinessUnitRegistered':
          units.push({ business_unit_id: d.businessUnitId, name: d.name, parent_id: d.parentId, registered_at: d.at ?? e.occurredAt });
          break;
        case 'BusinessUnitReparented':
          units.push({ business_unit_id: d.businessUnitId, parent_id: d.toParentId });
          break;
        case 'BusinessUnitRenamed':
          units.push({ business_unit_id: d.businessUnitId, name: d.name });
          break;
        case 'EmployeeOnboarded':
          levelInBatch.set(d.employeeId!, d.level!);
          placements.push({ event_id: e.eventId, employee_id: d.employeeId, business_unit_id: d.businessUnitId, level: d.level, valid_from: d.at ?? e.occurredAt });
          break;
        case 'EmployeeTransferred':
          placements.push({ event_id: e.eventId, employee_id: d.employeeId, business_unit_id: d.toBusinessUnitId, level: levelInBatch.get(d.employeeId!) ?? null, valid_from: d.at ?? e.occurredAt });
          break;
        case 'EmployeeOffboarded':
          placements.push({ event_id: e.eventId, employee_id: d.employeeId, business_unit_id: null, level: levelInBatch.get(d.employeeId!) ?? null, valid_from: d.at ?? e.occurredAt });
          break;
      }
    }
    await insertRows(
      tx,
      tables[ORG_HISTORY_TABLES.units],
      [['business_unit_id', 'text'], ['name', 'text'], ['parent_id', 'text'], ['registered_at', 'timestamptz']],
      // A reparent or rename of a unit whose registration is not read yet keeps what it says.
      mergeBy(units, (r) => r.business_unit_id as string, 'last'),
      `ON CONFLICT (business_unit_id) DO UPDATE SET ${keepLatest('t', ['name', 'parent_id', 'registered_at'])}, updated_at = now()`,
    );
    if (!placements.length) return;
    const p = quoteTable(tables[ORG_HISTORY_TABLES.placements]);
    await insertRows(
      tx,
      tables[ORG_HISTORY_TABLES.placements],
      [['event_id', 'text'], ['employee_id', 'text'], ['business_unit_id', 'text'], ['level', 'text'], ['valid_from', 'timestamptz']],
      placements,
      'ON CONFLICT (event_id) DO NOTHING',
    );
    const employees = [...new Set(placements.map((r) => r.employee_id as string))];
    // Set-based over the touched employees: the level carried forward from the onboarding, and each interval closed by the next (recomputed, so redelivery and any
    // arrival order give the same rows).
    await tx.query(
      `UPDATE ${p} t SET level = n.level, valid_to = n.valid_to
         FROM (SELECT event_id,
                      COALESCE(level, first_value(level) OVER w) AS level,
                      lead(valid_from) OVER w AS valid_to
                 FROM ${p} WHERE employee_id = ANY($1::text[])
               WINDOW w AS (PARTITION BY employee_id ORDER BY valid_from, event_id)) n
        WHERE t.event_id = n.event_id
          AND (t.level IS DISTINCT FROM n.level OR t.valid_to IS DISTINCT FROM n.valid_to)`,
      [employees],
    );
    // Placements are never deleted: every unit a touched employee was ever placed in (the one a
    // transfer closed included) is among their stored rows.
    const placedIn = await storedScope(tx, tables[ORG_HISTORY_TABLES.placements], [['employee_id', 'text']], employees.map((employee_id) => ({ employee_id })), ['business_unit_id']);
    await recomputeCells(tx, tables, CELLS.headcount, scopeOf(placedIn, ['business_unit_id']));
    await recomputeHeadcountMonths(tx, tables, placedIn.map((r) => r.business_unit_id as string | null).filter((u): u is string => u !== null));
  },
};

/** The headcount months and snapshots, filled from the placements already stored (an upgrade needs no rebuild). */
export class HeadcountMonths1760000001360 implements MigrationInterface {
  name = 'HeadcountMonths1760000001360';

  async up(q: QueryRunner): Promise<void> {
    const T = HEADCOUNT_TABLES;
    await q.query(`CREATE TABLE ${T.units} (business_unit_id text PRIMARY KEY)`);
    await q.query(`CREATE TABLE ${T.months} (business_unit_id text NOT NULL, month timestamptz NOT NULL, PRIMARY KEY (business_unit_id, month))`);
    await q.query(`CREATE TABLE ${T.snapshots} (business_unit_id text NOT NULL, month timestamptz NOT NULL, level text NOT NULL, headcount int NOT NULL, PRIMARY KEY (business_unit_id, month, level))`);
    // The departures of a unit within a month (the arrivals go by employee_placements_interval_idx).
    await q.query(`CREATE INDEX IF NOT EXISTS employee_placements_unit_to_idx ON ${ORG_HISTORY_TABLES.placements} (business_unit_id, valid_to)`);
    const units: { u: string }[] = await q.query(`SELECT DISTINCT business_unit_id AS u FROM ${ORG_HISTORY_TABLES.placements} WHERE business_unit_id IS NOT NULL`);
    await recomputeHeadcountMonths(q.manager, {}, units.map((r) => r.u));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of Object.values(HEADCOUNT_TABLES)) await q.query(`DROP TABLE IF EXISTS ${t}`);
    await q.query(`DROP INDEX IF EXISTS read_model.employee_placements_unit_to_idx`);
  }
}
