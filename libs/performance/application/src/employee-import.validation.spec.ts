import type { RawEmployeeRow } from './employee-import.parser';
import { resolveReferences, validateRows, type EmployeeImportRow, type KnownEmployee } from './employee-import.validation';

const units = new Set(['org', 'sales']);
const raw = (row: number, fields: RawEmployeeRow['fields'], fieldCount = 6): RawEmployeeRow => ({ row, fields, fieldCount });
const good = (row: number, employeeNumber: string, managerEmployeeNumber = '', changes: RawEmployeeRow['fields'] = {}) =>
  raw(row, { employeeNumber, name: `Name ${employeeNumber}`, businessUnitId: 'sales', position: 'Clerk', managerEmployeeNumber, level: 'staff', ...changes });
const validate = (...rows: RawEmployeeRow[]) => validateRows(rows, (id) => units.has(id));

describe('validateRows', () => {
  it('accepts a complete row and turns a blank manager into none', () => {
    expect(validate(good(1, 'E1'))).toEqual({
      valid: [{ row: 1, employeeNumber: 'E1', name: 'Name E1', businessUnitId: 'sales', position: 'Clerk', managerEmployeeNumber: null, level: 'staff' }],
      rejected: [],
    });
  });

  it.each(['employeeNumber', 'name', 'businessUnitId', 'position', 'level'] as const)('rejects a row whose %s is blank', (column) => {
    const { rejected } = validate(good(1, 'E1', '', { [column]: '' }));
    expect(rejected).toHaveLength(1);
    expect(rejected[0].errors).toContain(`${column} is required`);
  });

  it('lists every problem of a row, not only the first', () => {
    const { rejected } = validate(raw(4, { employeeNumber: 'E1', name: '', businessUnitId: 'mars', position: '', managerEmployeeNumber: 'E1', level: 'boss' }));
    expect(rejected).toEqual([
      {
        row: 4,
        employeeNumber: 'E1',
        errors: [
          'name is required',
          'position is required',
          'level "boss" is not one of: management, staff',
          'managerEmployeeNumber E1 is the employee themselves',
          'businessUnitId mars is not a registered business unit',
        ],
      },
    ]);
  });

  it('leaves out the employee number from the report when the row has none', () => {
    expect(validate(good(1, ''))).toMatchObject({ rejected: [{ row: 1, errors: ['employeeNumber is required'] }] });
    expect(validate(good(1, '')).rejected[0]).not.toHaveProperty('employeeNumber');
  });

  it('rejects a level other than management or staff', () => {
    expect(validate(good(1, 'E1', '', { level: 'Staff' })).rejected[0].errors).toEqual(['level "Staff" is not one of: management, staff']);
  });

  it('rejects an employee who is their own manager', () => {
    expect(validate(good(1, 'E1', 'E1')).rejected[0].errors).toEqual(['managerEmployeeNumber E1 is the employee themselves']);
  });

  it.each([
    ['a NUL byte', 'Ana\u0000'],
    ['a lone high surrogate', 'Ana \ud83d'],
    ['a lone low surrogate', '\ude00Ana'],
  ])('rejects text PostgreSQL cannot store (%s), naming the column', (_, name) => {
    const { rejected, valid } = validate(good(1, 'E1', '', { name }));
    expect(valid).toEqual([]);
    expect(rejected).toEqual([{ row: 1, employeeNumber: 'E1', errors: ['name contains a NUL byte or a lone surrogate, which cannot be stored'] }]);
  });

  it('keeps a well-formed astral character', () => {
    expect(validate(good(1, 'E1', '', { name: 'Ana \ud83d\ude00' })).valid).toHaveLength(1);
  });

  it('rejects a business unit that is not registered', () => {
    expect(validate(good(1, 'E1', '', { businessUnitId: 'mars' })).rejected[0].errors).toEqual([
      'businessUnitId mars is not a registered business unit',
    ]);
  });

  it('rejects a row with missing fields', () => {
    expect(validate(raw(1, { employeeNumber: 'E1', name: 'Ana', businessUnitId: 'sales' }, 3)).rejected[0].errors).toEqual([
      'the row has 3 field(s); the header has 6',
      'position is required',
      'level is required',
    ]);
  });

  it('rejects a row with extra fields', () => {
    expect(validate({ ...good(1, 'E1'), fieldCount: 7 }).rejected[0].errors).toEqual(['the row has 7 field(s); the header has 6']);
  });

  it('keeps the first occurrence of an employee number and rejects every later one', () => {
    const { valid, rejected } = validate(good(1, 'E1'), good(2, 'E1'), good(3, 'E2'), good(4, 'E1'));
    expect(valid.map((r) => r.row)).toEqual([1, 3]);
    expect(rejected).toEqual([
      { row: 2, employeeNumber: 'E1', errors: ['employeeNumber E1 already appears in row 1'] },
      { row: 4, employeeNumber: 'E1', errors: ['employeeNumber E1 already appears in row 1'] },
    ]);
  });

  it('counts a rejected first occurrence as the owner of the number', () => {
    const { valid, rejected } = validate(good(1, 'E1', '', { level: 'x' }), good(2, 'E1'));
    expect(valid).toEqual([]);
    expect(rejected.map((r) => r.row)).toEqual([1, 2]);
  });
});

const row = (n: number, employeeNumber: string, managerEmployeeNumber: string | null = null): EmployeeImportRow => ({
  row: n,
  employeeNumber,
  name: employeeNumber,
  businessUnitId: 'sales',
  position: 'Clerk',
  managerEmployeeNumber,
  level: 'staff',
});
const known = (entries: [string, boolean][]) => new Map<string, KnownEmployee>(entries.map(([n, active]) => [n, { active }]));

describe('resolveReferences', () => {
  it('accepts a manager who is another row of the file, wherever that row is', () => {
    expect(resolveReferences([row(1, 'E2', 'E1'), row(2, 'E1')], known([])).accepted.map((r) => r.row)).toEqual([1, 2]);
  });

  it('accepts a manager who is an active existing employee', () => {
    expect(resolveReferences([row(1, 'E2', 'M9')], known([['M9', true]])).rejected).toEqual([]);
  });

  it('rejects a manager who is neither in the file nor an existing employee', () => {
    expect(resolveReferences([row(1, 'E2', 'M9')], known([])).rejected).toEqual([
      { row: 1, employeeNumber: 'E2', errors: ['managerEmployeeNumber M9 is neither a row of this file nor an existing employee'] },
    ]);
  });

  it('rejects a manager who has been offboarded', () => {
    expect(resolveReferences([row(1, 'E2', 'M9')], known([['M9', false]])).rejected[0].errors).toEqual([
      'managerEmployeeNumber M9 belongs to an offboarded employee',
    ]);
  });

  it('rejects an employee who has been offboarded', () => {
    expect(resolveReferences([row(1, 'E2')], known([['E2', false]])).rejected[0].errors).toEqual([
      'employee E2 has been offboarded and cannot be imported again',
    ]);
  });

  it('rejects, transitively, the rows managed by a rejected row that does not exist yet', () => {
    const { accepted, rejected } = resolveReferences([row(1, 'E3', 'E2'), row(2, 'E2', 'E1'), row(3, 'E1', 'M9'), row(4, 'E4')], known([]));
    expect(accepted.map((r) => r.row)).toEqual([4]);
    expect(rejected).toEqual([
      { row: 1, employeeNumber: 'E3', errors: ['managerEmployeeNumber E2 is rejected in row 2 and is not an existing employee'] },
      { row: 2, employeeNumber: 'E2', errors: ['managerEmployeeNumber E1 is rejected in row 3 and is not an existing employee'] },
      { row: 3, employeeNumber: 'E1', errors: ['managerEmployeeNumber M9 is neither a row of this file nor an existing employee'] },
    ]);
  });

  it('keeps the rows of a rejected manager who already exists as an active employee', () => {
    const { accepted } = resolveReferences([row(1, 'E1', 'M9'), row(2, 'E2', 'E1')], known([['E1', true]]));
    expect(accepted.map((r) => r.row)).toEqual([2]);
  });
});
