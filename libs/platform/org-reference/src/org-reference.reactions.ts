import type { Envelope, OrgEvent } from '@tpm/contracts';
import type { PoolClient } from 'pg';

type DataOf<T extends OrgEvent['type']> = Extract<OrgEvent, { type: T }>['data'];

/**
 * Applies one org event to the local copy inside the inbox transaction. Upserts make the
 * copy converge even if an older service missed the onboarding (it then learns the rest later).
 */
export async function applyOrgEvent(envelope: Envelope, tx: PoolClient): Promise<void> {
  switch (envelope.type as OrgEvent['type']) {
    case 'performance.BusinessUnitRegistered': {
      const d = envelope.data as DataOf<'performance.BusinessUnitRegistered'>;
      await tx.query(
        `INSERT INTO org_reference.business_units (business_unit_id, name, parent_id) VALUES ($1, $2, $3)
         ON CONFLICT (business_unit_id) DO UPDATE SET name = EXCLUDED.name, parent_id = EXCLUDED.parent_id, updated_at = now()`,
        [d.businessUnitId, d.name, d.parentId],
      );
      return;
    }
    case 'performance.BusinessUnitReparented': {
      const d = envelope.data as DataOf<'performance.BusinessUnitReparented'>;
      await tx.query(`UPDATE org_reference.business_units SET parent_id = $2, updated_at = now() WHERE business_unit_id = $1`, [
        d.businessUnitId,
        d.toParentId,
      ]);
      return;
    }
    case 'performance.BusinessUnitRenamed': {
      const d = envelope.data as DataOf<'performance.BusinessUnitRenamed'>;
      await tx.query(`UPDATE org_reference.business_units SET name = $2, updated_at = now() WHERE business_unit_id = $1`, [
        d.businessUnitId,
        d.name,
      ]);
      return;
    }
    case 'performance.EmployeeOnboarded': {
      const d = envelope.data as DataOf<'performance.EmployeeOnboarded'>;
      await tx.query(
        `INSERT INTO org_reference.employees (employee_id, employee_number, business_unit_id, manager_id, level, active)
         VALUES ($1, $2, $3, $4, $5, true)
         ON CONFLICT (employee_id) DO UPDATE SET employee_number = EXCLUDED.employee_number,
           business_unit_id = EXCLUDED.business_unit_id, manager_id = EXCLUDED.manager_id, level = EXCLUDED.level,
           active = true, updated_at = now()`,
        [d.employeeId, d.employeeNumber, d.businessUnitId, d.managerId, d.level],
      );
      return;
    }
    case 'performance.EmployeeTransferred': {
      const d = envelope.data as DataOf<'performance.EmployeeTransferred'>;
      await tx.query(`UPDATE org_reference.employees SET business_unit_id = $2, updated_at = now() WHERE employee_id = $1`, [
        d.employeeId,
        d.toBusinessUnitId,
      ]);
      return;
    }
    case 'performance.EmployeeManagerChanged': {
      const d = envelope.data as DataOf<'performance.EmployeeManagerChanged'>;
      await tx.query(`UPDATE org_reference.employees SET manager_id = $2, updated_at = now() WHERE employee_id = $1`, [
        d.employeeId,
        d.toManagerId,
      ]);
      return;
    }
    case 'performance.EmployeeOffboarded': {
      const d = envelope.data as DataOf<'performance.EmployeeOffboarded'>;
      await tx.query(`UPDATE org_reference.employees SET active = false, updated_at = now() WHERE employee_id = $1`, [d.employeeId]);
      return;
    }
    case 'performance.PositionDefined':
      return;
  }
}
