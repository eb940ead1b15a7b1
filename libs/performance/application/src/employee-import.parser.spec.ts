import { parseEmployeeCsv } from './employee-import.parser';
import { EmployeeImportFileInvalid, EmployeeImportTooLarge } from './import-employees.errors';

const HEADER = 'employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level';
const limits = { maxRows: 100, maxBytes: 1_000_000 };
const parse = (csv: string, l = limits) => parseEmployeeCsv(csv, l);

describe('parseEmployeeCsv', () => {
  it('reads each data row into named, trimmed fields numbered from 1 after the header', () => {
    expect(parse(`${HEADER}\nE1, Ana ,sales,Clerk,,staff\n`)).toEqual([
      {
        row: 1,
        fieldCount: 6,
        fields: { employeeNumber: 'E1', name: 'Ana', businessUnitId: 'sales', position: 'Clerk', managerEmployeeNumber: '', level: 'staff' },
      },
    ]);
  });

  it('ignores a UTF-8 byte order mark before the header', () => {
    expect(parse(`\uFEFF${HEADER}\nE1,Ana,sales,Clerk,,staff`)[0].fields.employeeNumber).toBe('E1');
  });

  it('accepts CRLF line endings', () => {
    const rows = parse(`${HEADER}\r\nE1,Ana,sales,Clerk,,staff\r\nE2,Ben,sales,Clerk,E1,staff\r\n`);
    expect(rows.map((r) => [r.row, r.fields.employeeNumber, r.fields.level])).toEqual([
      [1, 'E1', 'staff'],
      [2, 'E2', 'staff'],
    ]);
  });

  it('keeps commas, escaped quotes and line breaks inside quoted fields', () => {
    const [row] = parse(`${HEADER}\nE1,"Lima, Ana ""Nana""",sales,"Clerk\nand cashier",,staff`);
    expect(row.fields.name).toBe('Lima, Ana "Nana"');
    expect(row.fields.position).toBe('Clerk\nand cashier');
  });

  it('accepts the columns in any order', () => {
    const [row] = parse('level,position,name,employeeNumber,businessUnitId,managerEmployeeNumber\nstaff,Clerk,Ana,E1,sales,');
    expect(row.fields).toMatchObject({ employeeNumber: 'E1', name: 'Ana', level: 'staff', businessUnitId: 'sales' });
  });

  it('skips blank lines but keeps the numbering of the rows after them', () => {
    expect(parse(`${HEADER}\nE1,Ana,sales,Clerk,,staff\n\nE2,Ben,sales,Clerk,,staff`).map((r) => r.row)).toEqual([1, 3]);
  });

  it('records how many fields a short row had instead of failing the file', () => {
    expect(parse(`${HEADER}\nE1,Ana,sales`)[0]).toMatchObject({ fieldCount: 3, fields: { employeeNumber: 'E1', businessUnitId: 'sales' } });
  });

  it('rejects the whole file for an unknown column, naming it', () => {
    expect(() => parse(`${HEADER},salary\nE1,Ana,sales,Clerk,,staff,1`)).toThrow(EmployeeImportFileInvalid);
    expect(() => parse(`${HEADER},salary\nE1,Ana,sales,Clerk,,staff,1`)).toThrow(/unknown column\(s\): "salary"/);
  });

  it('rejects the whole file for a missing column, naming it', () => {
    expect(() => parse('employeeNumber,name,businessUnitId,position,level\nE1,Ana,sales,Clerk,staff')).toThrow(
      /missing column\(s\): managerEmployeeNumber/,
    );
  });

  it('rejects the whole file for a repeated column', () => {
    expect(() => parse(`${HEADER},name`)).toThrow(/repeated column\(s\): name/);
  });

  it('rejects an empty file', () => expect(() => parse('')).toThrow(/header row is required/));

  it('rejects a file that is not valid CSV', () => {
    expect(() => parse(`${HEADER}\nE1,"Ana,sales,Clerk,,staff`)).toThrow(/cannot be parsed/);
  });

  it('marks file-level problems as invalid input', () => {
    try {
      parse('foo');
      fail('expected an error');
    } catch (error) {
      expect(error).toMatchObject({ kind: 'invalid', code: 'EMPLOYEE_IMPORT_FILE_INVALID' });
    }
  });

  it('refuses more rows than the limit', () => {
    const csv = [HEADER, 'E1,A,s,p,,staff', 'E2,B,s,p,,staff', 'E3,C,s,p,,staff'].join('\n');
    expect(() => parse(csv, { ...limits, maxRows: 2 })).toThrow(EmployeeImportTooLarge);
    expect(() => parse(csv, { ...limits, maxRows: 2 })).toThrow(/3 rows; at most 2/);
    expect(parse(csv, { ...limits, maxRows: 3 })).toHaveLength(3);
  });

  it('refuses more bytes than the limit, counting UTF-8 bytes', () => {
    const csv = `${HEADER}\nE1,Zoë,s,p,,staff`;
    const size = Buffer.byteLength(csv);
    expect(() => parse(csv, { ...limits, maxBytes: size - 1 })).toThrow(EmployeeImportTooLarge);
    expect(parse(csv, { ...limits, maxBytes: size })).toHaveLength(1);
  });
});
