import { orgEvents } from '../testing/org-events.fixture';
import { foldOrgBatch, type OrgEnvelope } from './org-structure.fold';

const fold = (events: unknown[]) => foldOrgBatch(events as OrgEnvelope[]);

describe('foldOrgBatch', () => {
  it('leaves one row per employee with the last state of the batch', () => {
    const o = orgEvents();
    const { employees } = fold([o.onboarded('1', 'sales'), o.transferred('1', 'sales', 'ops', 'lead'), o.managerChanged('1', null, '9')]);
    expect(employees).toEqual([expect.objectContaining({ employeeId: '1', onboarded: true, businessUnitId: 'ops', position: 'lead', managerId: '9', active: true })]);
  });

  it('patches only the fields the events name when the employee was onboarded in an earlier batch', () => {
    const o = orgEvents();
    const { employees } = fold([o.transferred('1', 'sales', 'ops'), o.offboarded('1', 'ops')]);
    expect(employees).toEqual([{ employeeId: '1', onboarded: false, businessUnitId: 'ops', active: false, offboardedAt: expect.any(String) }]);
  });

  it('keeps a transfer without a new position from clearing the old one', () => {
    const o = orgEvents();
    const [row] = fold([o.transferred('1', 'a', 'b', null)]).employees;
    expect('position' in row).toBe(false);
  });

  it('treats a re-hire after an offboarding in the same batch as a fresh active row', () => {
    const o = orgEvents();
    const [row] = fold([o.offboarded('1', 'a'), o.onboarded('1', 'b')]).employees;
    expect(row).toEqual(expect.objectContaining({ onboarded: true, active: true, businessUnitId: 'b', offboardedAt: null }));
  });

  it('marks every unit an employee entered or left as touched', () => {
    const o = orgEvents();
    const { touchedUnits } = fold([o.onboarded('1', 'a'), o.transferred('1', 'a', 'b'), o.onboarded('2', 'c'), o.offboarded('2', 'c')]);
    expect(touchedUnits.sort()).toEqual(['a', 'b', 'c']);
  });

  it('folds a registration followed by a reparent into one registered unit under its new parent', () => {
    const o = orgEvents();
    const { units } = fold([o.registered('s', 'Sales', 'root'), o.reparented('s', 'root', 'emea'), o.reparented('x', 'p', 'q')]);
    expect(units).toEqual([
      { businessUnitId: 's', registered: true, name: 'Sales', parentId: 'emea' },
      { businessUnitId: 'x', registered: false, parentId: 'q' },
    ]);
  });

  it('ignores events outside the read model', () => {
    const o = orgEvents();
    const position = { ...o.registered('x', 'X'), type: 'performance.PositionDefined' };
    expect(fold([position])).toEqual({ units: [], employees: [], touchedUnits: [] });
  });
});
