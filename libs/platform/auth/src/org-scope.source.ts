import type { Pool } from 'pg';

/** What scoping needs of a service's local organization copy. */
export interface OrgScopeSource {
  /** The given units and every unit below them. */
  subtree(businessUnitIds: string[]): Promise<string[]>;
  /** Current business unit of each employee the copy knows; unknown ids are absent. */
  employeeUnits(employeeIds: string[]): Promise<Map<string, string>>;
  /** Which of these business units the copy knows (a unit just registered may not be there yet). */
  knownBusinessUnits(businessUnitIds: string[]): Promise<Set<string>>;
  /** The units without a parent: the organization's roots. */
  rootBusinessUnits(): Promise<string[]>;
  /**
   * The unit and every unit above it (empty when the copy does not know it): what a scope check
   * of one record needs, depth rows instead of the caller's whole subtree.
   */
  ancestors(businessUnitId: string): Promise<string[]>;
}

export const ORG_SCOPE_SOURCE = Symbol('ORG_SCOPE_SOURCE');

const qualified = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/**
 * Reads the local org tables directly. Every org copy in this codebase (`org_reference.*` kept
 * by OrgReferenceModule, reporting's `org_business_units`/`org_employees`) has the same columns,
 * so one adapter serves all services; only the table names differ.
 */
export class SqlOrgScopeSource implements OrgScopeSource {
  constructor(
    private readonly pool: Pool,
    private readonly tables: { units: string; employees: string } = { units: 'org_reference.business_units', employees: 'org_reference.employees' },
  ) {
    if (!qualified.test(tables.units) || !qualified.test(tables.employees)) throw new Error('org table names must be plain identifiers');
  }

  async subtree(businessUnitIds: string[]): Promise<string[]> {
    if (!businessUnitIds.length) return [];
    // UNION (not UNION ALL) also ends a cycle left by a bad reparent.
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH RECURSIVE t(id) AS (
         SELECT unnest($1::text[])
         UNION
         SELECT b.business_unit_id FROM ${this.tables.units} b JOIN t ON b.parent_id = t.id)
       SELECT id FROM t`,
      [businessUnitIds],
    );
    return rows.map((r) => r.id);
  }

  async employeeUnits(employeeIds: string[]): Promise<Map<string, string>> {
    if (!employeeIds.length) return new Map();
    const { rows } = await this.pool.query<{ employee_id: string; business_unit_id: string }>(
      `SELECT employee_id, business_unit_id FROM ${this.tables.employees} WHERE employee_id = ANY($1::text[])`,
      [employeeIds],
    );
    return new Map(rows.map((r) => [r.employee_id, r.business_unit_id]));
  }

  async knownBusinessUnits(businessUnitIds: string[]): Promise<Set<string>> {
    if (!businessUnitIds.length) return new Set();
    const { rows } = await this.pool.query<{ business_unit_id: string }>(
      `SELECT business_unit_id FROM ${this.tables.units} WHERE business_unit_id = ANY($1::text[])`,
      [businessUnitIds],
    );
    return new Set(rows.map((r) => r.business_unit_id));
  }

  async ancestors(businessUnitId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH RECURSIVE t(id, parent) AS (
         SELECT business_unit_id, parent_id FROM ${this.tables.units} WHERE business_unit_id = $1
         UNION
         SELECT b.business_unit_id, b.parent_id FROM ${this.tables.units} b JOIN t ON b.business_unit_id = t.parent)
       SELECT id FROM t`,
      [businessUnitId],
    );
    return rows.map((r) => r.id);
  }

  async rootBusinessUnits(): Promise<string[]> {
    const { rows } = await this.pool.query<{ business_unit_id: string }>(`SELECT business_unit_id FROM ${this.tables.units} WHERE parent_id IS NULL`);
    return rows.map((r) => r.business_unit_id);
  }
}
