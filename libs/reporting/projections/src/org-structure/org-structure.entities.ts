import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per business unit; `headcount` counts its own active employees, not its subtree's. */
@Entity({ name: 'org_business_units' })
export class BusinessUnitRow {
  @PrimaryColumn({ name: 'business_unit_id', type: 'text' })
  businessUnitId!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Index('org_business_units_parent_idx')
  @Column({ name: 'parent_id', type: 'text', nullable: true })
  parentId!: string | null;

  @Column({ type: 'int', default: 0 })
  headcount!: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** One row per employee ever onboarded; offboarded ones stay with `active = false`. */
@Entity({ name: 'org_employees' })
export class EmployeeRow {
  @PrimaryColumn({ name: 'employee_id', type: 'text' })
  employeeId!: string;

  @Column({ name: 'employee_number', type: 'text' })
  employeeNumber!: string;

  @Index('org_employees_business_unit_idx')
  @Column({ name: 'business_unit_id', type: 'text' })
  businessUnitId!: string;

  @Index('org_employees_manager_idx')
  @Column({ name: 'manager_id', type: 'text', nullable: true })
  managerId!: string | null;

  @Column({ type: 'text' })
  level!: 'management' | 'staff';

  @Column({ type: 'text', nullable: true })
  position!: string | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'onboarded_at', type: 'timestamptz' })
  onboardedAt!: Date;

  @Column({ name: 'offboarded_at', type: 'timestamptz', nullable: true })
  offboardedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
