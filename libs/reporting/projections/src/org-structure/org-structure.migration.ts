import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrgStructure1760000000100 implements MigrationInterface {
  name = 'OrgStructure1760000000100';

  async up(q: QueryRunner): Promise<void> {
    // No foreign keys: events from different streams arrive in any order across partitions
    // (an employee can be onboarded before their unit's registration is read).
    await q.query(`
      CREATE TABLE org_business_units (
        business_unit_id text PRIMARY KEY,
        name text,
        parent_id text,
        headcount int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX org_business_units_parent_idx ON org_business_units (parent_id)');
    await q.query(`
      CREATE TABLE org_employees (
        employee_id text PRIMARY KEY,
        employee_number text NOT NULL,
        name text NOT NULL,
        business_unit_id text NOT NULL,
        manager_id text,
        level text NOT NULL,
        position text,
        active boolean NOT NULL,
        onboarded_at timestamptz NOT NULL,
        offboarded_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX org_employees_business_unit_idx ON org_employees (business_unit_id) WHERE active');
    await q.query('CREATE INDEX org_employees_manager_idx ON org_employees (manager_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE org_employees');
    await q.query('DROP TABLE org_business_units');
  }
}

/** Reporting keeps ids, never names: a name is personal data that would outlive an erasure here. */
export class OrgEmployeesWithoutNames1760000001110 implements MigrationInterface {
  name = 'OrgEmployeesWithoutNames1760000001110';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE org_employees DROP COLUMN IF EXISTS name');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE org_employees ADD COLUMN IF NOT EXISTS name text NOT NULL DEFAULT ''`);
  }
}
