import type { Pool } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each service keeps its own copy of the organization (employee → business unit → manager),
 * fed from the performance context's published events, because access scoping and reactions
 * need it and no service reads another's tables.
 */
const ORG_REFERENCE_DDL = `
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
  `;

export async function ensureOrgReferenceSchema(pool: Pool): Promise<void> {
  await pool.query(ORG_REFERENCE_DDL);
}

/**
 * The same tables as a migration, for services whose read-model database runs migrations
 * (training's): IF NOT EXISTS, so a database the boot-time DDL already made is adopted as is.
 */
export class OrgReference1760000000500 implements MigrationInterface {
  name = 'OrgReference1760000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(ORG_REFERENCE_DDL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE org_reference.employees');
    await q.query('DROP TABLE org_reference.business_units');
  }
}
