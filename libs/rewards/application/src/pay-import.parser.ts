import { parse } from 'csv-parse/sync';
import { PayImportFileInvalid, PayImportTooLarge } from './rewards.errors';

export const PAY_IMPORT_COLUMNS = ['employeeNumber', 'basePay', 'currency', 'effectiveFrom', 'startedOn'] as const;
export type PayImportColumn = (typeof PAY_IMPORT_COLUMNS)[number];

export interface RawPayRow {
  /** 1-based number of the record after the header (blank lines count, so it matches the file). */
  row: number;
  fields: Partial<Record<PayImportColumn, string>>;
  fieldCount: number;
}

export interface PayRow {
  row: number;
  employeeNumber: string;
  basePay: number;
  currency: string;
  effectiveFrom: string;
  startedOn: string;
}

export const PAY_IMPORT_LIMITS = { maxRows: 5_000, maxBytes: 1_000_000 };

/** Whole-file problems (size, syntax, header) throw; a row's problems are that row's, so good rows still land. */
export const parsePayCsv = (csv: string, limits = PAY_IMPORT_LIMITS): RawPayRow[] => {
  const bytes = Buffer.byteLength(csv, 'utf8');
  if (bytes > limits.maxBytes) throw new PayImportTooLarge('bytes', limits.maxBytes, bytes);
  let records: string[][];
  try {
    records = parse(csv, { bom: true, trim: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    throw new PayImportFileInvalid([`the CSV cannot be parsed: ${(error as Error).message}`]);
  }
  if (records.length === 0) throw new PayImportFileInvalid(['the file is empty: a header row is required']);
  const header = records[0].map((h) => h.trim());
  const problems: string[] = [];
  const unknown = header.filter((h) => !(PAY_IMPORT_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) problems.push(`unknown column(s): ${unknown.map((h) => `"${h}"`).join(', ')}`);
  const missing = PAY_IMPORT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) problems.push(`missing column(s): ${missing.join(', ')}`);
  if (new Set(header).size !== header.length) problems.push('a column is repeated');
  if (problems.length) throw new PayImportFileInvalid([...problems, `expected header: ${PAY_IMPORT_COLUMNS.join(',')}`]);
  const data = records.slice(1).filter((r) => r.some((f) => f.trim() !== ''));
  if (data.length > limits.maxRows) throw new PayImportTooLarge('rows', limits.maxRows, data.length);
  const rows: RawPayRow[] = [];
  records.forEach((record, i) => {
    if (i === 0 || record.every((f) => f.trim() === '')) return;
    const fields: RawPayRow['fields'] = {};
    header.forEach((column, c) => {
      if (c < record.length) fields[column as PayImportColumn] = record[c].trim();
    });
    rows.push({ row: i, fields, fieldCount: record.length });
  });
  return rows;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string | undefined): s is string => !!s && DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/** A row's own problems, each naming its column; the row is good when there are none. */
export const validatePayRow = (raw: RawPayRow, columns: number): { row: PayRow | null; errors: string[] } => {
  const f = raw.fields;
  const errors: string[] = [];
  if (raw.fieldCount !== columns) errors.push(`the row has ${raw.fieldCount} fields; the header has ${columns}`);
  if (!f.employeeNumber) errors.push('employeeNumber is required');
  const pay = Number(f.basePay);
  if (!f.basePay || !/^\d+(\.\d{1,2})?$/.test(f.basePay) || !(pay > 0)) errors.push('basePay must be a positive amount with at most two decimals');
  if (!f.currency || !/^[A-Z]{3}$/.test(f.currency)) errors.push('currency must be an ISO 4217 code');
  if (!isDate(f.effectiveFrom)) errors.push('effectiveFrom must be a date (YYYY-MM-DD)');
  if (!isDate(f.startedOn)) errors.push('startedOn must be a date (YYYY-MM-DD)');
  if (errors.length) return { row: null, errors };
  return { row: { row: raw.row, employeeNumber: f.employeeNumber!, basePay: pay, currency: f.currency!, effectiveFrom: f.effectiveFrom!, startedOn: f.startedOn! }, errors };
};
