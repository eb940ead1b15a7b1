import { ORG_EVENT_TYPES, topicOf } from '@tpm/contracts';
import type { Projection } from '@tpm/projections';
import { foldOrgBatch, type OrgEnvelope } from './org-structure.fold';

export const ORG_TABLES = { units: 'org_business_units', employees: 'org_employees' } as const;
export const ORG_STRUCTURE_TOPICS = [topicOf('performance')];

const ident = (t: string) => `"${t.replace(/"/g, '""')}"`;

export const orgStructureProjection: Projection<OrgEnvelope> = {
  name: 'org-structure',
  version: 1,
  handles: ORG_EVENT_TYPES.filter((t) => t !== 'performance.PositionDefined'),
  tables: [ORG_TABLES.units, ORG_TABLES.employees],
  // The runner's transaction also stores the checkpoint: never commit here.
  async apply(batch, tx, tables) {
    const units = ident(tables[ORG_TABLES.units]);
    const employees = ident(tables[ORG_TABLES.employees]);
    const changes = foldOrgBatch(batch);

    const registered = changes.units.filter((u) => u.registered);
    const reparented = changes.units.filter((u) => !u.registered);
    if (registered.length) {
      await tx.query(
        `INSERT INTO ${units} (business_unit_id, name, parent_id)
         SELECT u->>'businessUnitId', u->>'name', u->>'parentId' FROM jsonb_array_elements($1::jsonb) u
         ON CONFLICT (business_unit_id) DO UPDATE SET name = EXCLUDED.name, parent_id = EXCLUDED.parent_id, updated_at = now()`,
        [JSON.stringify(registered)],
      );
    }
    if (reparented.length) {
      await tx.query(
        `UPDATE ${units} b SET parent_id = u->>'parentId', updated_at = now()
           FROM jsonb_array_elements($1::jsonb) u WHERE b.business_unit_id = u->>'businessUnitId'`,
        [JSON.stringify(reparented)],
      );
    }

    if (changes.employees.length) {
      // The units the employees leave are not always named by the batch (an offboarding names
      // the unit, a manager change does not): read them before the rows move.
      const before: { business_unit_id: string }[] = await tx.query(
        `SELECT DISTINCT business_unit_id FROM ${employees} WHERE employee_id = ANY($1::text[])`,
        [changes.employees.map((e) => e.employeeId)],
      );
      for (const r of before) if (!changes.touchedUnits.includes(r.business_unit_id)) changes.touchedUnits.push(r.business_unit_id);

      const onboarded = changes.employees.filter((e) => e.onboarded);
      const patched = changes.employees.filter((e) => !e.onboarded);
      if (onboarded.length) {
        await tx.query(
          `INSERT INTO ${employees} (employee_id, employee_number, business_unit_id, manager_id, level, position, active, onboarded_at, offboarded_at)
           SELECT e->>'employeeId', e->>'employeeNumber', e->>'businessUnitId', e->>'managerId', e->>'level', e->>'position',
                  (e->>'active')::boolean, (e->>'onboardedAt')::timestamptz, (e->>'offboardedAt')::timestamptz
             FROM jsonb_array_elements($1::jsonb) e
           ON CONFLICT (employee_id) DO UPDATE SET
             employee_number = EXCLUDED.employee_number, business_unit_id = EXCLUDED.business_unit_id,
             manager_id = EXCLUDED.manager_id, level = EXCLUDED.level, position = EXCLUDED.position, active = EXCLUDED.active,
             onboarded_at = EXCLUDED.onboarded_at, offboarded_at = EXCLUDED.offboarded_at, updated_at = now()`,
          [JSON.stringify(onboarded)],
        );
      }
      if (patched.length) {
        // A key present in the patch (even with null) sets the column; an absent key keeps it.
        await tx.query(
          `UPDATE ${employees} r SET
             business_unit_id = CASE WHEN p ? 'businessUnitId' THEN p->>'businessUnitId' ELSE r.business_unit_id END,
             position        = CASE WHEN p ? 'position' THEN p->>'position' ELSE r.position END,
             manager_id      = CASE WHEN p ? 'managerId' THEN p->>'managerId' ELSE r.manager_id END,
             active          = CASE WHEN p ? 'active' THEN (p->>'active')::boolean ELSE r.active END,
             offboarded_at   = CASE WHEN p ? 'offboardedAt' THEN (p->>'offboardedAt')::timestamptz ELSE r.offboarded_at END,
             updated_at = now()
           FROM jsonb_array_elements($1::jsonb) p WHERE r.employee_id = p->>'employeeId'`,
          [JSON.stringify(patched)],
        );
      }
    }

    if (changes.touchedUnits.length) {
      // Recounted rather than incremented: right whatever order units and employees arrived in.
      await tx.query(
        `UPDATE ${units} b SET headcount = c.n, updated_at = now()
           FROM (SELECT u.id, (SELECT count(*)::int FROM ${employees} e WHERE e.business_unit_id = u.id AND e.active) AS n
                   FROM unnest($1::text[]) AS u(id)) c
          WHERE b.business_unit_id = c.id AND b.headcount IS DISTINCT FROM c.n`,
        [changes.touchedUnits],
      );
    }
  },
};
