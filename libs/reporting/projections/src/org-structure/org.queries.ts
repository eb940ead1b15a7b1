import type { DataSource } from 'typeorm';
import { ORG_TABLES } from './org-structure.projection';

export interface BusinessUnitView {
  businessUnitId: string;
  name: string | null;
  parentId: string | null;
  /** Active employees directly in this unit. */
  headcount: number;
  /** Active employees in this unit and every unit below it. */
  headcountWithDescendants: number;
}

export interface SubtreeUnit extends BusinessUnitView {
  depth: number;
}

export interface EmployeeView {
  employeeId: string;
  employeeNumber: string;
  businessUnitId: string;
  managerId: string | null;
  level: string;
  position: string | null;
  active: boolean;
}

const { units, employees } = ORG_TABLES;

// Subtrees of the given roots; the path guard stops a cycle (a bad reparent) from looping forever.
const subtreeCte = (roots: string) => `
  WITH RECURSIVE tree AS (
    SELECT r.business_unit_id AS root, r.business_unit_id AS id, 0 AS depth, ARRAY[r.business_unit_id] AS path
      FROM ${units} r WHERE ${roots}
    UNION ALL
    SELECT t.root, c.business_unit_id, t.depth + 1, t.path || c.business_unit_id
      FROM tree t JOIN ${units} c ON c.parent_id = t.id
     WHERE NOT c.business_unit_id = ANY(t.path)
  )`;

const toView = (r: { business_unit_id: string; name: string | null; parent_id: string | null; headcount: number; total: string | number }): BusinessUnitView => ({
  businessUnitId: r.business_unit_id,
  name: r.name,
  parentId: r.parent_id,
  headcount: Number(r.headcount),
  headcountWithDescendants: Number(r.total),
});

/** Reads of the org-structure read model; plain SQL, so it works from any service or script. */
export class OrgQueries {
  constructor(private readonly db: DataSource) {}

  async businessUnit(businessUnitId: string): Promise<BusinessUnitView | null> {
    const rows = await this.db.query(
      `${subtreeCte('r.business_unit_id = $1')}
       SELECT r.business_unit_id, r.name, r.parent_id, r.headcount, sum(b.headcount) AS total
         FROM tree JOIN ${units} b ON b.business_unit_id = tree.id JOIN ${units} r ON r.business_unit_id = tree.root
        GROUP BY r.business_unit_id`,
      [businessUnitId],
    );
    return rows.length ? toView(rows[0]) : null;
  }

  /** Direct children, each with its own subtree headcount. */
  async children(businessUnitId: string): Promise<BusinessUnitView[]> {
    const rows = await this.db.query(
      `${subtreeCte('r.parent_id = $1')}
       SELECT r.business_unit_id, r.name, r.parent_id, r.headcount, sum(b.headcount) AS total
         FROM tree JOIN ${units} b ON b.business_unit_id = tree.id JOIN ${units} r ON r.business_unit_id = tree.root
        GROUP BY r.business_unit_id ORDER BY r.name, r.business_unit_id`,
      [businessUnitId],
    );
    return rows.map(toView);
  }

  /** The unit and everything below it, parents before children (for scoping by subtree). */
  async subtree(businessUnitId: string): Promise<SubtreeUnit[]> {
    const rows = await this.db.query(
      `${subtreeCte('r.business_unit_id = $1')}
       SELECT b.business_unit_id, b.name, b.parent_id, b.headcount, t.depth,
              (SELECT sum(m.headcount) FROM tree t2 JOIN ${units} m ON m.business_unit_id = t2.id WHERE t.id = ANY(t2.path)) AS total
         FROM tree t JOIN ${units} b ON b.business_unit_id = t.id
        ORDER BY t.depth, b.name, b.business_unit_id`,
      [businessUnitId],
    );
    return rows.map((r: Parameters<typeof toView>[0] & { depth: number }) => ({ ...toView(r), depth: Number(r.depth) }));
  }

  async employees(businessUnitId: string, opts: { includeDescendants?: boolean; includeInactive?: boolean } = {}): Promise<EmployeeView[]> {
    const rows = await this.db.query(
      `${subtreeCte('r.business_unit_id = $1')}
       SELECT e.* FROM ${employees} e
        WHERE (CASE WHEN $2 THEN e.business_unit_id IN (SELECT id FROM tree) ELSE e.business_unit_id = $1 END)
          AND ($3 OR e.active)
        ORDER BY e.employee_number, e.employee_id`,
      [businessUnitId, opts.includeDescendants ?? false, opts.includeInactive ?? false],
    );
    return rows.map((r: Record<string, unknown>) => ({
      employeeId: r.employee_id,
      employeeNumber: r.employee_number,
      businessUnitId: r.business_unit_id,
      managerId: r.manager_id,
      level: r.level,
      position: r.position,
      active: r.active,
    })) as EmployeeView[];
  }
}
