import type { Pool } from 'pg';

/**
 * Each service keeps its own copy of the organization (employee → business unit → manager),
 * fed from the performance context's published events, because access scoping and reactions
 * need it and no service reads another's tables.
 */
export async function ensureOrgReferenceSchema(pool: Pool): Promise<void> {
  await pool.query(`
    CREATE SCHEMA IF NOT EXISTS org_reference;
    CREATE TABLE IF NOT EXISTS org_reference.business_units (
      business_unit_id text PRIMARY KEY,
      name             text NOT NULL,
      parent_id        text,
      updated_at       timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS business_units_parent ON org_reference.business_units (parent_id);
    CREATE TABLE IF NOT EXISTS org_reference.employees (
      employee_id      text PRIMARY KEY,
      employee_number  text NOT NULL,
      name             text NOT NULL,
      business_unit_id text NOT NULL,
      manager_id       text,
      level            text NOT NULL,
      active           boolean NOT NULL DEFAULT true,
      updated_at       timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS employees_unit ON org_reference.employees (business_unit_id);
    CREATE INDEX IF NOT EXISTS employees_manager ON org_reference.employees (manager_id);
  `);
}
