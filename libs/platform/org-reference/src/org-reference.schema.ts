import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';

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

/**
 * The org copy's tables as a migration: training's read-model database lists it with its own; the
 * services without one run it alone (`migrateOrgReference`). IF NOT EXISTS, so a database made by
 * the boot-time DDL of earlier versions is adopted as is.
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

/**
 * The org copy keeps ids only: names are personal data, sealed in the performance store and never
 * published (EmployeeOnboarded v2). A screen that shows a name asks the performance service.
 */
export class OrgReferenceWithoutNames1760000001100 implements MigrationInterface {
  name = 'OrgReferenceWithoutNames1760000001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE org_reference.employees DROP COLUMN IF EXISTS name');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org_reference.employees ADD COLUMN IF NOT EXISTS name text NOT NULL DEFAULT ''`);
  }
}

/** The org copy's migrations, in order. */
export const ORG_REFERENCE_MIGRATIONS = [OrgReference1760000000500, OrgReferenceWithoutNames1760000001100];

/** Runs the org copy's migration on a service's own database (services without a read-model database). */
export async function migrateOrgReference(databaseUrl: string): Promise<void> {
  const ds = new DataSource({ type: 'postgres', url: databaseUrl, migrations: ORG_REFERENCE_MIGRATIONS, migrationsTransactionMode: 'each', synchronize: false, poolSize: 1 });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}
