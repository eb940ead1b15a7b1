import { topicOf, type Envelope } from '@tpm/contracts';
import { quoteTable, type Projection } from '@tpm/projections';
import { CELLS, recomputeCells, storedScope, scopeOf } from './dashboard-cells';
import { insertRows, keepLatest, mergeBy, rm, typeName, type Row } from './sql-rows';

export const ORG_HISTORY_TABLES = { units: rm('org_units'), placements: rm('employee_placements') } as const;
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
  tables: [ORG_HISTORY_TABLES.units, ORG_HISTORY_TABLES.placements, CELLS.headcount.table],
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
  },
};
