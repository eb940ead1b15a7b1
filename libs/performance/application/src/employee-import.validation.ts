import type { EmployeeLevel } from '@tpm/performance-domain';
import { EMPLOYEE_IMPORT_COLUMNS, type RawEmployeeRow } from './employee-import.parser';

/** A row whose fields are all well-formed. */
export interface EmployeeImportRow {
  row: number;
  employeeNumber: string;
  name: string;
  businessUnitId: string;
  position: string;
  managerEmployeeNumber: string | null;
  level: EmployeeLevel;
}

export interface RowRejection {
  row: number;
  employeeNumber?: string;
  errors: string[];
}

/** What the store already knows about an employee number. */
export interface KnownEmployee {
  active: boolean;
}

/**
 * PostgreSQL text cannot hold a NUL byte, and a lone UTF-16 surrogate has no UTF-8 form: either
 * would fail the whole append (a 500) instead of one row, so such a cell is that row's error.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const LEVELS: readonly string[] = ['management', 'staff'] satisfies EmployeeLevel[];
const REQUIRED = ['employeeNumber', 'name', 'businessUnitId', 'position', 'level'] as const;

/**
 * Checks each row on its own and against the others of the file: required fields, level,
 * self-management, known business unit, and duplicate employee numbers (the first occurrence
 * keeps the number; every later one is rejected, so the outcome never depends on luck).
 */
export const validateRows = (
  rows: RawEmployeeRow[],
  businessUnitExists: (businessUnitId: string) => boolean,
): { valid: EmployeeImportRow[]; rejected: RowRejection[] } => {
  const valid: EmployeeImportRow[] = [];
  const rejected: RowRejection[] = [];
  const firstRowOf = new Map<string, number>();

  for (const { row, fields, fieldCount } of rows) {
    const errors: string[] = [];
    if (fieldCount !== EMPLOYEE_IMPORT_COLUMNS.length)
      errors.push(`the row has ${fieldCount} field(s); the header has ${EMPLOYEE_IMPORT_COLUMNS.length}`);
    for (const column of REQUIRED) if (!fields[column]) errors.push(`${column} is required`);
    for (const column of EMPLOYEE_IMPORT_COLUMNS) {
      if (UNSTORABLE.test(fields[column] ?? '')) errors.push(`${column} contains a NUL byte or a lone surrogate, which cannot be stored`);
    }

    const employeeNumber = fields.employeeNumber ?? '';
    const manager = fields.managerEmployeeNumber || null;
    const level = fields.level ?? '';
    const businessUnitId = fields.businessUnitId ?? '';

    if (level && !LEVELS.includes(level)) errors.push(`level "${level}" is not one of: ${LEVELS.join(', ')}`);
    if (manager !== null && manager === employeeNumber) errors.push(`managerEmployeeNumber ${manager} is the employee themselves`);
    if (businessUnitId && !businessUnitExists(businessUnitId)) errors.push(`businessUnitId ${businessUnitId} is not a registered business unit`);
    if (employeeNumber) {
      const first = firstRowOf.get(employeeNumber);
      if (first !== undefined) errors.push(`employeeNumber ${employeeNumber} already appears in row ${first}`);
      else firstRowOf.set(employeeNumber, row);
    }

    if (errors.length) rejected.push({ row, ...(employeeNumber ? { employeeNumber } : {}), errors });
    else
      valid.push({
        row,
        employeeNumber,
        name: fields.name!,
        businessUnitId,
        position: fields.position!,
        managerEmployeeNumber: manager,
        level: level as EmployeeLevel,
      });
  }
  return { valid, rejected };
};

/**
 * Checks what depends on the store: the employee must not be offboarded, and the manager must be
 * an accepted row of this file or an active existing employee. A row rejected here takes down the
 * rows it manages unless that manager already exists, transitively, in one pass over a worklist.
 */
export const resolveReferences = (
  rows: EmployeeImportRow[],
  existing: ReadonlyMap<string, KnownEmployee>,
  /** Employee numbers of rows refused before this check (e.g. out of the importer's scope). */
  refused: ReadonlySet<string> = new Set(),
): { accepted: EmployeeImportRow[]; rejected: RowRejection[] } => {
  const inFile = new Map(rows.map((r) => [r.employeeNumber, r]));
  const errorsOf = new Map<EmployeeImportRow, string[]>();
  const reject = (r: EmployeeImportRow, error: string) => errorsOf.set(r, [...(errorsOf.get(r) ?? []), error]);
  const dependents = new Map<string, EmployeeImportRow[]>();

  for (const r of rows) {
    if (existing.get(r.employeeNumber)?.active === false)
      reject(r, `employee ${r.employeeNumber} has been offboarded and cannot be imported again`);
    const m = r.managerEmployeeNumber;
    if (m === null) continue;
    const known = existing.get(m);
    if (known?.active) continue;
    if (inFile.has(m)) dependents.set(m, [...(dependents.get(m) ?? []), r]);
    else if (refused.has(m)) reject(r, `managerEmployeeNumber ${m} is refused in this file and is not an existing employee`);
    else if (known) reject(r, `managerEmployeeNumber ${m} belongs to an offboarded employee`);
    else reject(r, `managerEmployeeNumber ${m} is neither a row of this file nor an existing employee`);
  }

  const worklist = [...errorsOf.keys()];
  while (worklist.length) {
    const manager = worklist.pop()!;
    for (const r of dependents.get(manager.employeeNumber) ?? []) {
      const first = !errorsOf.has(r);
      reject(r, `managerEmployeeNumber ${manager.employeeNumber} is rejected in row ${manager.row} and is not an existing employee`);
      if (first) worklist.push(r);
    }
  }

  const accepted = rows.filter((r) => !errorsOf.has(r));
  const rejected = rows
    .filter((r) => errorsOf.has(r))
    .map((r) => ({ row: r.row, employeeNumber: r.employeeNumber, errors: errorsOf.get(r)! }));
  return { accepted, rejected };
};
