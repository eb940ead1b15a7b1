import { PayImportFileInvalid, PayImportTooLarge } from './rewards.errors';
import { PAY_IMPORT_COLUMNS, parsePayCsv, validatePayRow } from './pay-import.parser';

const header = PAY_IMPORT_COLUMNS.join(',');

describe('reading a pay file', () => {
  it('reads rows numbered as in the file, blank lines counted but not reported', () => {
    const rows = parsePayCsv(`${header}\nE-1,60000,EUR,2027-01-01,2020-01-01\n\nE-2,50000.50,EUR,2027-01-01,2021-03-01`);
    expect(rows.map((r) => [r.row, r.fields.employeeNumber])).toEqual([[1, 'E-1'], [3, 'E-2']]);
  });
  it('refuses a file with an unknown or missing column, naming them', () => {
    expect(() => parsePayCsv('employeeNumber,salary\nE-1,1')).toThrow(PayImportFileInvalid);
    expect(() => parsePayCsv('employeeNumber,salary\nE-1,1')).toThrow(/unknown column\(s\): "salary"/);
  });
  it('refuses a file over the row limit', () => expect(() => parsePayCsv(`${header}\nE-1,1,EUR,2027-01-01,2020-01-01\nE-2,1,EUR,2027-01-01,2020-01-01`, { maxRows: 1, maxBytes: 10_000 })).toThrow(PayImportTooLarge));
  it('names every problem of a bad row, and passes a good one', () => {
    const [bad, good] = parsePayCsv(`${header}\n,-1,eur,2027-13-01,x\nE-1,60000,EUR,2027-01-01,2020-01-01`);
    expect(validatePayRow(bad, 5).errors).toEqual([
      'employeeNumber is required',
      'basePay must be a positive amount with at most two decimals',
      'currency must be an ISO 4217 code',
      'effectiveFrom must be a date (YYYY-MM-DD)',
      'startedOn must be a date (YYYY-MM-DD)',
    ]);
    expect(validatePayRow(good, 5)).toEqual({ row: { row: 2, employeeNumber: 'E-1', basePay: 60_000, currency: 'EUR', effectiveFrom: '2027-01-01', startedOn: '2020-01-01' }, errors: [] });
  });
  it('reports a row with too few fields', () => expect(validatePayRow(parsePayCsv(`${header}\nE-1,60000`)[0], 5).errors[0]).toBe('the row has 2 fields; the header has 5'));
});
