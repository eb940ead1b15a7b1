import { ManualClock } from '@tpm/kernel';
import type { CommandContext } from '@tpm/event-store';
import { employeeIdFor } from './employee-number.identity';
import { ImportEmployeesHandler, type ImportProgress } from './import-employees.handler';
import { EmployeeImportFileInvalid, EmployeeImportTooLarge } from './import-employees.errors';
import { OffboardEmployeeHandler } from './offboard-employee.handler';
import { employeeStream } from './org.streams';
import { RegisterBusinessUnitHandler } from './register-business-unit.handler';
import { InMemoryEventStore } from './testing/in-memory-event-store.spec-helper';

const HEADER = 'employeeNumber,name,businessUnitId,position,managerEmployeeNumber,level';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');
const context: CommandContext = { actor: { subject: 'system:hris', roles: ['system'] }, correlationId: 'import-1' };
const employeeEvents = (store: InMemoryEventStore) => store.all().filter((e) => e.streamId.startsWith('performance-employee-'));

describe('ImportEmployeesHandler', () => {
  let store: InMemoryEventStore;
  let clock: ManualClock;
  let importer: ImportEmployeesHandler;
  beforeEach(async () => {
    store = new InMemoryEventStore();
    clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
    const register = new RegisterBusinessUnitHandler(store, clock);
    await register.handle({ businessUnitId: 'org', name: 'ACME', parentId: null }, context);
    await register.handle({ businessUnitId: 'sales', name: 'Sales', parentId: 'org' }, context);
    await register.handle({ businessUnitId: 'ops', name: 'Ops', parentId: 'org' }, context);
    importer = new ImportEmployeesHandler(store, clock);
  });

  const file = csv('E2,Ben,sales,Clerk,M1,staff', 'M1,"Lima, Carla",sales,Head of sales,,management', 'E3,Dan,ops,Planner,M1,staff');

  it('onboards every good row under ids derived from the employee numbers', async () => {
    expect(await importer.handle(file, context)).toEqual({ accepted: 3, unchanged: 0, rejected: [] });
    const [ben] = await store.readStream(employeeStream(employeeIdFor('E2')));
    expect(ben).toMatchObject({
      type: 'EmployeeOnboarded',
      data: { employeeId: employeeIdFor('E2'), employeeNumber: 'E2', name: 'Ben', businessUnitId: 'sales', position: 'Clerk', managerId: employeeIdFor('M1'), level: 'staff', at: '2027-03-01T09:00:00.000Z' },
      metadata: { businessUnitId: 'sales', correlationId: 'import-1' },
    });
  });

  it('lands the good rows and reports each bad one with its row number and reasons', async () => {
    const report = await importer.handle(
      csv('E1,Ana,sales,Clerk,,staff', 'E2,Ben,mars,Clerk,,staff', 'E1,Ana again,sales,Clerk,,staff', 'E4,Eve,sales,Clerk,X9,staff', 'E5,Fay,ops,Clerk,E1,boss'),
      context,
    );
    expect(report).toEqual({
      accepted: 1,
      unchanged: 0,
      rejected: [
        { row: 2, employeeNumber: 'E2', errors: ['businessUnitId mars is not a registered business unit'] },
        { row: 3, employeeNumber: 'E1', errors: ['employeeNumber E1 already appears in row 1'] },
        { row: 4, employeeNumber: 'E4', errors: ['managerEmployeeNumber X9 is neither a row of this file nor an existing employee'] },
        { row: 5, employeeNumber: 'E5', errors: ['level "boss" is not one of: management, staff'] },
      ],
    });
    expect(employeeEvents(store).map((e) => e.data.employeeNumber)).toEqual(['E1']);
  });

  it('appends nothing when the same file is imported again', async () => {
    await importer.handle(file, context);
    const before = store.all().length;
    expect(await importer.handle(file, context)).toEqual({ accepted: 0, unchanged: 3, rejected: [] });
    expect(store.all()).toHaveLength(before);
  });

  it('turns a changed unit, position or manager into transfer and manager-change events', async () => {
    await importer.handle(file, context);
    const report = await importer.handle(
      csv('E2,Ben,ops,Clerk,M1,staff', 'M1,"Lima, Carla",sales,Head of sales,,management', 'E3,Dan,ops,Senior planner,E2,staff'),
      context,
    );
    expect(report).toEqual({ accepted: 2, unchanged: 1, rejected: [] });
    expect(employeeEvents(store).slice(3).map(({ type, data }) => ({ type, data }))).toEqual(
      expect.arrayContaining([
        { type: 'EmployeeTransferred', data: { employeeId: employeeIdFor('E2'), fromBusinessUnitId: 'sales', toBusinessUnitId: 'ops', position: null, at: '2027-03-01T09:00:00.000Z' } },
        { type: 'EmployeeTransferred', data: { employeeId: employeeIdFor('E3'), fromBusinessUnitId: 'ops', toBusinessUnitId: 'ops', position: 'Senior planner', at: '2027-03-01T09:00:00.000Z' } },
        { type: 'EmployeeManagerChanged', data: { employeeId: employeeIdFor('E3'), fromManagerId: employeeIdFor('M1'), toManagerId: employeeIdFor('E2'), at: '2027-03-01T09:00:00.000Z' } },
      ]),
    );
    expect(employeeEvents(store)).toHaveLength(6);
  });

  it('accepts a manager who exists from an earlier import, and rejects one who was offboarded', async () => {
    await importer.handle(csv('M1,Carla,sales,Head,,management', 'M2,Otto,sales,Head,,management'), context);
    await new OffboardEmployeeHandler(store, clock).handle({ employeeId: employeeIdFor('M2'), reason: 'left' }, context);
    const report = await importer.handle(csv('E7,Gil,sales,Clerk,M1,staff', 'E8,Hal,sales,Clerk,M2,staff', 'M2,Otto,sales,Head,,management'), context);
    expect(report).toEqual({
      accepted: 1,
      unchanged: 0,
      rejected: [
        { row: 2, employeeNumber: 'E8', errors: ['managerEmployeeNumber M2 is rejected in row 3 and is not an existing employee'] },
        { row: 3, employeeNumber: 'M2', errors: ['employee M2 has been offboarded and cannot be imported again'] },
      ],
    });
  });

  it('decides again on fresh state when another writer got to the employee first', async () => {
    await importer.handle(file, context);
    let raced = false;
    store.beforeAppend = async (streamId) => {
      if (raced || streamId !== employeeStream(employeeIdFor('E2'))) return;
      raced = true; // An HR user moves Ben to ops while the import is writing.
      store.beforeAppend = undefined;
      await store.append(streamId, [{ eventId: 'race', type: 'EmployeeTransferred', data: { employeeId: employeeIdFor('E2'), fromBusinessUnitId: 'sales', toBusinessUnitId: 'ops', position: null, at: 'x' } }], {
        expectedVersion: 1,
        metadata: { actor: context.actor, correlationId: 'hr' },
      });
    };
    const report = await importer.handle(csv('E2,Ben,ops,Clerk,,staff'), context);
    expect(raced).toBe(true);
    expect(report).toEqual({ accepted: 1, unchanged: 0, rejected: [] });
    expect((await store.readStream(employeeStream(employeeIdFor('E2')))).map((e) => e.type)).toEqual([
      'EmployeeOnboarded',
      'EmployeeTransferred',
      'EmployeeManagerChanged',
    ]);
  });

  describe('within the importer\'s scope', () => {
    // The importer may change sales only; ops is another unit's.
    const salesOnly = {
      refusals: async (units: string[]) => new Map(units.filter((u) => u !== 'sales').map((u) => [u, `businessUnitId ${u} is outside the business units you may change`])),
    };

    it('checks the unit of every row as the import reads it, whatever the quoting (a space before the quote)', async () => {
      const report = await importer.handle(csv('E1,Ana, "ops",Clerk,,staff', 'E2,Ben,sales,Clerk,,staff'), context, undefined, salesOnly);
      expect(report).toEqual({ accepted: 1, unchanged: 0, rejected: [{ row: 1, employeeNumber: 'E1', errors: ['businessUnitId ops is outside the business units you may change'] }] });
      expect(employeeEvents(store).map((e) => e.data.employeeNumber)).toEqual(['E2']);
    });

    it('refuses to move an employee out of a unit the importer may not change', async () => {
      await importer.handle(csv('E3,Dan,ops,Planner,,staff'), context);
      const report = await importer.handle(csv('E3,Dan, "sales",Planner,,staff'), context, undefined, salesOnly);
      expect(report.rejected).toEqual([{ row: 1, employeeNumber: 'E3', errors: ['employee E3 belongs to a business unit outside the units you may change'] }]);
      expect((await store.readStream(employeeStream(employeeIdFor('E3')))).map((e) => e.type)).toEqual(['EmployeeOnboarded']);
    });

    it('takes down the rows managed by a row it refuses', async () => {
      const report = await importer.handle(csv('M1,Mia,ops,Head,,management', 'E2,Ben,sales,Clerk,M1,staff'), context, undefined, salesOnly);
      expect(report.accepted).toBe(0);
      expect(report.rejected.map((r) => r.row)).toEqual([1, 2]);
      expect(employeeEvents(store)).toEqual([]);
    });

    it('checks again on fresh state when another writer moved the employee out of scope meanwhile', async () => {
      await importer.handle(csv('E2,Ben,sales,Clerk,,staff'), context);
      store.beforeAppend = async (streamId) => {
        store.beforeAppend = undefined;
        await store.append(streamId, [{ eventId: 'race-2', type: 'EmployeeTransferred', data: { employeeId: employeeIdFor('E2'), fromBusinessUnitId: 'sales', toBusinessUnitId: 'ops', position: null, at: 'x' } }], {
          expectedVersion: 1,
          metadata: { actor: context.actor, correlationId: 'hr' },
        });
      };
      const report = await importer.handle(csv('E2,Ben,sales,Senior clerk,,staff'), context, undefined, salesOnly);
      expect(report.rejected).toEqual([{ row: 1, employeeNumber: 'E2', errors: ['employee E2 belongs to a business unit outside the units you may change'] }]);
    });
  });

  it('refuses a file with an unknown column as a whole', async () => {
    await expect(importer.handle('employeeNumber,name,unit\nE1,Ana,sales', context)).rejects.toThrow(EmployeeImportFileInvalid);
    expect(employeeEvents(store)).toEqual([]);
  });

  it('refuses files beyond the configured row and byte limits', async () => {
    await expect(new ImportEmployeesHandler(store, clock, { maxRows: 2 }).handle(file, context)).rejects.toThrow(EmployeeImportTooLarge);
    await expect(new ImportEmployeesHandler(store, clock, { maxBytes: 100 }).handle(file, context)).rejects.toMatchObject({ kind: 'invalid', limit: 'bytes' });
  });

  it('reports progress while reading and writing', async () => {
    const progress: ImportProgress[] = [];
    await importer.handle(file, context, (p) => progress.push(p));
    expect(progress.filter((p) => p.phase === 'reading').at(-1)).toEqual({ phase: 'reading', done: 3, total: 3 });
    expect(progress.filter((p) => p.phase === 'writing').at(-1)).toEqual({ phase: 'writing', done: 3, total: 3 });
  });

  it('imports ten thousand rows with bounded concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    store.beforeAppend = async () => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
    };
    const rows = Array.from({ length: 10_000 }, (_, i) => `E${i},Person ${i},${i % 2 ? 'sales' : 'ops'},Clerk,${i ? 'E0' : ''},staff`);
    const report = await new ImportEmployeesHandler(store, clock, { concurrency: 16 }).handle(csv(...rows), context);
    expect(report).toEqual({ accepted: 10_000, unchanged: 0, rejected: [] });
    expect(peak).toBe(16);
  });
});
