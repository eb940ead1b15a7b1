import { deciderSpec } from '@tpm/kernel/testing';
import type { EmployeeCommand } from './employee.commands';
import { employeeDecider } from './employee.decider';
import {
  EmployeeAlreadyOnboarded,
  EmployeeCannotManageThemselves,
  EmployeeNotOnboarded,
  EmployeeStillActive,
  EmployeeWasErased,
  EmployeeWasOffboarded,
  ErasureReasonNamesPerson,
} from './employee.errors';
import type { EmployeeEvent, EmployeeProfile } from './employee.events';

const at = '2027-01-01T00:00:00.000Z';
const given = deciderSpec(employeeDecider);

const ana: EmployeeProfile = {
  employeeId: 'ana',
  employeeNumber: 'E001',
  name: 'Ana Lima',
  businessUnitId: 'sales',
  position: 'Account manager',
  managerId: 'ben',
  level: 'staff',
};
const onboard = (changes: Partial<EmployeeProfile> = {}): EmployeeCommand => ({ type: 'OnboardEmployee', data: { ...ana, ...changes, at } });
const onboarded = (changes: Partial<EmployeeProfile> = {}): EmployeeEvent => ({ type: 'EmployeeOnboarded', data: { ...ana, ...changes, at } });
const transfer = (toBusinessUnitId: string, position?: string): EmployeeCommand => ({
  type: 'TransferEmployee',
  data: { employeeId: 'ana', toBusinessUnitId, position, at },
});
const transferred = (fromBusinessUnitId: string, toBusinessUnitId: string, position: string | null = null): EmployeeEvent => ({
  type: 'EmployeeTransferred',
  data: { employeeId: 'ana', fromBusinessUnitId, toBusinessUnitId, position, at },
});
const changeManager = (managerId: string | null): EmployeeCommand => ({ type: 'ChangeManager', data: { employeeId: 'ana', managerId, at } });
const managerChanged = (fromManagerId: string | null, toManagerId: string | null): EmployeeEvent => ({
  type: 'EmployeeManagerChanged',
  data: { employeeId: 'ana', fromManagerId, toManagerId, at },
});
const offboard = (reason: string | null = 'resigned'): EmployeeCommand => ({ type: 'OffboardEmployee', data: { employeeId: 'ana', reason, at } });
const offboarded = (businessUnitId = 'sales', reason: string | null = 'resigned'): EmployeeEvent => ({
  type: 'EmployeeOffboarded',
  data: { employeeId: 'ana', businessUnitId, reason, at },
});

describe('OnboardEmployee', () => {
  it('onboards a new employee with their unit, position, manager and level', () => given([]).when(onboard()).then([onboarded()]));

  it('onboards an employee without a manager', () => given([]).when(onboard({ managerId: null })).then([onboarded({ managerId: null })]));

  it('says nothing new when the identical employee is onboarded again', () => given([onboarded()]).when(onboard()).then([]));

  it('refuses to onboard an existing employee with different data', () =>
    given([onboarded()]).when(onboard({ name: 'Ana Souza' })).thenThrows(EmployeeAlreadyOnboarded));

  it('refuses to onboard an offboarded employee again', () =>
    given([onboarded(), offboarded()]).when(onboard()).thenThrows(EmployeeWasOffboarded));

  it('refuses an employee who manages themselves', () =>
    given([]).when(onboard({ managerId: 'ana' })).thenThrows(EmployeeCannotManageThemselves));
});

describe('TransferEmployee', () => {
  it('moves the employee to another unit and keeps their position', () =>
    given([onboarded()]).when(transfer('ops')).then([transferred('sales', 'ops')]));

  it('moves the employee to another unit in a new position', () =>
    given([onboarded()]).when(transfer('ops', 'Planner')).then([transferred('sales', 'ops', 'Planner')]));

  it('records a new position inside the same unit', () =>
    given([onboarded()]).when(transfer('sales', 'Team lead')).then([transferred('sales', 'sales', 'Team lead')]));

  it('says nothing new when the employee is already in that unit', () => given([onboarded()]).when(transfer('sales')).then([]));

  it('says nothing new when unit and position are both unchanged', () =>
    given([onboarded()]).when(transfer('sales', 'Account manager')).then([]));

  it('follows earlier transfers when deciding what is unchanged', () =>
    given([onboarded(), transferred('sales', 'ops', 'Planner')]).when(transfer('ops', 'Planner')).then([]));

  it('refuses an employee who was never onboarded', () => given([]).when(transfer('ops')).thenThrows(EmployeeNotOnboarded));

  it('refuses an offboarded employee', () => given([onboarded(), offboarded()]).when(transfer('ops')).thenThrows(EmployeeWasOffboarded));
});

describe('ChangeManager', () => {
  it('records the former and the new manager', () =>
    given([onboarded()]).when(changeManager('carla')).then([managerChanged('ben', 'carla')]));

  it('removes the manager', () => given([onboarded()]).when(changeManager(null)).then([managerChanged('ben', null)]));

  it('says nothing new when the manager is unchanged', () => given([onboarded()]).when(changeManager('ben')).then([]));

  it('says nothing new when an employee without manager is again given none', () =>
    given([onboarded({ managerId: null })]).when(changeManager(null)).then([]));

  it('refuses to make an employee their own manager', () =>
    given([onboarded()]).when(changeManager('ana')).thenThrows(EmployeeCannotManageThemselves));

  it('refuses an employee who was never onboarded', () => given([]).when(changeManager('carla')).thenThrows(EmployeeNotOnboarded));

  it('refuses an offboarded employee', () =>
    given([onboarded(), offboarded()]).when(changeManager('carla')).thenThrows(EmployeeWasOffboarded));
});

describe('OffboardEmployee', () => {
  it('offboards the employee from the unit they are in now', () =>
    given([onboarded(), transferred('sales', 'ops')]).when(offboard()).then([offboarded('ops')]));

  it('offboards without a stated reason', () => given([onboarded()]).when(offboard(null)).then([offboarded('sales', null)]));

  it('refuses an employee who was never onboarded', () => given([]).when(offboard()).thenThrows(EmployeeNotOnboarded));

  it('refuses an employee who is already offboarded', () =>
    given([onboarded(), offboarded()]).when(offboard()).thenThrows(EmployeeWasOffboarded));

  it('leaves the employee offboarded', () =>
    given([onboarded()])
      .when(offboard())
      .thenState((s) => expect(s.status).toBe('offboarded')));
});

describe('EraseEmployee', () => {
  const erase = (reason = 'GDPR Art. 17 request, ticket 4711'): EmployeeCommand => ({ type: 'EraseEmployee', data: { employeeId: 'ana', reason, at } });
  const erased: EmployeeEvent = { type: 'PersonErased', data: { employeeId: 'ana', employeeNumber: 'E001', reason: 'GDPR Art. 17 request, ticket 4711', erasedAt: at } };

  it('erases a person who has left, keeping the reason and their number', () => given([onboarded(), offboarded()]).when(erase()).then([erased]));

  it('says nothing new when the person was already erased', () => given([onboarded(), offboarded(), erased]).when(erase()).then([]));

  it('refuses to erase someone still employed', () => given([onboarded()]).when(erase()).thenThrows(EmployeeStillActive));

  it('refuses to erase someone never onboarded', () => given([]).when(erase()).thenThrows(EmployeeNotOnboarded));

  it('refuses a reason that names the person, in full or in part', () => {
    given([onboarded(), offboarded()]).when(erase('request by ana lima')).thenThrows(ErasureReasonNamesPerson);
    given([onboarded(), offboarded()]).when(erase('Lima asked by mail')).thenThrows(ErasureReasonNamesPerson);
  });

  it('refuses every later command about an erased person, a new onboarding included', () => {
    given([onboarded(), offboarded(), erased]).when(onboard()).thenThrows(EmployeeWasErased);
    given([onboarded(), offboarded(), erased]).when(transfer('ops')).thenThrows(EmployeeWasErased);
  });
});
