import type { Pool } from 'pg';

export interface EmployeeRef {
  employeeId: string;
  employeeNumber: string;
  businessUnitId: string;
  managerId: string | null;
  level: string;
  active: boolean;
}

/** Reads of the local organization copy: who is where, and which units lie under which. */
export class OrgDirectory {
  constructor(private readonly pool: Pool) {}

  async employee(employeeId: string): Promise<EmployeeRef | null> {
    const { rows } = await this.pool.query(
      `SELECT employee_id AS "employeeId", employee_number AS "employeeNumber", business_unit_id AS "businessUnitId",
              manager_id AS "managerId", level, active FROM org_reference.employees WHERE employee_id = $1`,
      [employeeId],
    );
    return rows[0] ?? null;
  }

  /** The given units and every unit below them. */
  async subtree(businessUnitIds: string[]): Promise<string[]> {
    if (!businessUnitIds.length) return [];
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH RECURSIVE t(id) AS (
         SELECT unnest($1::text[])
         UNION
         SELECT b.business_unit_id FROM org_reference.business_units b JOIN t ON b.parent_id = t.id)
       SELECT id FROM t`,
      [businessUnitIds],
    );
    return rows.map((r) => r.id);
  }

  async isWithin(businessUnitId: string, governed: string[]): Promise<boolean> {
    return (await this.subtree(governed)).includes(businessUnitId);
  }
}
