import { parse } from 'csv-parse/sync';
import { EmployeeImportFileInvalid, EmployeeImportTooLarge } from './import-employees.errors';

export const EMPLOYEE_IMPORT_COLUMNS = ['employeeNumber', 'name', 'businessUnitId', 'position', 'managerEmployeeNumber', 'level'] as const;
export type EmployeeImportColumn = (typeof EMPLOYEE_IMPORT_COLUMNS)[number];

/** One data record as read, before any rule: fields are trimmed strings, missing ones absent. */
export interface RawEmployeeRow {
  /** 1-based number of the record after the header (blank lines count, so it matches the file). */
  row: number;
  fields: Partial<Record<EmployeeImportColumn, string>>;
  /** How many fields the record had; the header fixes how many it should have. */
  fieldCount: number;
}

export interface ImportLimits {
  maxRows: number;
  maxBytes: number;
}

/**
 * Reads the CSV text into raw rows. Problems of the whole file (size, syntax, header) throw;
 * problems of one row are left to the validation so that good rows still land.
 */
export const parseEmployeeCsv = (csv: string, limits: ImportLimits): RawEmployeeRow[] => {
  const bytes = Buffer.byteLength(csv, 'utf8');
  if (bytes > limits.maxBytes) throw new EmployeeImportTooLarge('bytes', limits.maxBytes, bytes);

  let records: string[][];
  try {
    // relax_column_count: a short or long row is that row's problem, not the file's.
    records = parse(csv, { bom: true, trim: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    throw new EmployeeImportFileInvalid([`the CSV cannot be parsed: ${(error as Error).message}`]);
  }
  if (records.length === 0) throw new EmployeeImportFileInvalid(['the file is empty: a header row is required']);

  const header = records[0].map((h) => h.trim());
  const problems: string[] = [];
  const known = new Set<string>(EMPLOYEE_IMPORT_COLUMNS);
  const unknown = header.filter((h) => !known.has(h));
  if (unknown.length) problems.push(`unknown column(s): ${unknown.map((h) => `"${h}"`).join(', ')}`);
  const missing = EMPLOYEE_IMPORT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) problems.push(`missing column(s): ${missing.join(', ')}`);
  const repeated = [...new Set(header.filter((h, i) => header.indexOf(h) !== i))];
  if (repeated.length) problems.push(`repeated column(s): ${repeated.join(', ')}`);
  if (problems.length) throw new EmployeeImportFileInvalid([...problems, `expected header: ${EMPLOYEE_IMPORT_COLUMNS.join(',')}`]);

  const rows: RawEmployeeRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const record = records[i];
    // A blank line is not a row to report, but it still takes its place in the numbering.
    if (record.every((f) => f.trim() === '')) continue;
    if (rows.length === limits.maxRows) throw new EmployeeImportTooLarge('rows', limits.maxRows, countDataRows(records));
    const fields: RawEmployeeRow['fields'] = {};
    header.forEach((column, c) => {
      if (c < record.length) fields[column as EmployeeImportColumn] = record[c].trim();
    });
    rows.push({ row: i, fields, fieldCount: record.length });
  }
  return rows;
};

const countDataRows = (records: string[][]) => records.slice(1).filter((r) => r.some((f) => f.trim() !== '')).length;
