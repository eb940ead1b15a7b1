import { assertNever, type Decider } from '@tpm/kernel';
import type { EmployeeCommand } from './employee.commands';
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

export type Employee =
  | { status: 'new' }
  | ({ status: 'active' } & EmployeeProfile)
  | ({ status: 'offboarded' } & EmployeeProfile)
  /** Erased: the profile's personal fields read as '[erased]'; ids, unit and level stay. */
  | ({ status: 'erased'; erasedAt: string } & EmployeeProfile);
export type ActiveEmployee = Extract<Employee, { status: 'active' }>;

const sameProfile = (a: EmployeeProfile, b: EmployeeProfile): boolean =>
  a.employeeId === b.employeeId &&
  a.employeeNumber === b.employeeNumber &&
  a.name === b.name &&
  a.businessUnitId === b.businessUnitId &&
  a.position === b.position &&
  a.managerId === b.managerId &&
  a.level === b.level;

const requireActive = (s: Employee, employeeId: string): ActiveEmployee => {
  if (s.status === 'new') throw new EmployeeNotOnboarded(employeeId);
  if (s.status === 'offboarded') throw new EmployeeWasOffboarded(employeeId);
  if (s.status === 'erased') throw new EmployeeWasErased(employeeId);
  return s;
};

const decide = (cmd: EmployeeCommand, s: Employee): EmployeeEvent[] => {
  switch (cmd.type) {
    case 'OnboardEmployee': {
      const { at, ...profile } = cmd.data;
      if (profile.managerId === profile.employeeId) throw new EmployeeCannotManageThemselves(profile.employeeId);
      // Rehiring is not modelled yet: an offboarded employee stays gone.
      if (s.status === 'offboarded') throw new EmployeeWasOffboarded(profile.employeeId);
      if (s.status === 'erased') throw new EmployeeWasErased(profile.employeeId);
      if (s.status === 'active') {
        // A re-sent HRIS import onboards everyone again: identical data says nothing new.
        if (sameProfile(s, profile)) return [];
        throw new EmployeeAlreadyOnboarded(profile.employeeId);
      }
      return [{ type: 'EmployeeOnboarded', data: { ...profile, at } }];
    }
    case 'TransferEmployee': {
      const { employeeId, toBusinessUnitId, at } = cmd.data;
      const e = requireActive(s, employeeId);
      const position = cmd.data.position ?? null;
      const newPosition = position !== null && position !== e.position;
      // A new position inside the same unit is still a reassignment worth recording.
      if (toBusinessUnitId === e.businessUnitId && !newPosition) return [];
      return [
        {
          type: 'EmployeeTransferred',
          data: { employeeId, fromBusinessUnitId: e.businessUnitId, toBusinessUnitId, position: newPosition ? position : null, at },
        },
      ];
    }
    case 'ChangeManager': {
      const { employeeId, managerId, at } = cmd.data;
      const e = requireActive(s, employeeId);
      if (managerId === employeeId) throw new EmployeeCannotManageThemselves(employeeId);
      if (managerId === e.managerId) return [];
      return [{ type: 'EmployeeManagerChanged', data: { employeeId, fromManagerId: e.managerId, toManagerId: managerId, at } }];
    }
    case 'OffboardEmployee': {
      const { employeeId, reason, at } = cmd.data;
      const e = requireActive(s, employeeId);
      return [{ type: 'EmployeeOffboarded', data: { employeeId, businessUnitId: e.businessUnitId, reason, at } }];
    }
    case 'EraseEmployee': {
      const { employeeId, reason, at } = cmd.data;
      if (s.status === 'new') throw new EmployeeNotOnboarded(employeeId);
      // Asked again (a retry, a second request): already done, nothing new to record.
      if (s.status === 'erased') return [];
      if (s.status === 'active') throw new EmployeeStillActive(employeeId);
      const name = s.name.trim().toLowerCase();
      const words = name.split(/\s+/).filter((w) => w.length > 2);
      const text = reason.toLowerCase();
      if ((name && text.includes(name)) || words.some((w) => text.includes(w))) throw new ErasureReasonNamesPerson(employeeId);
      return [{ type: 'PersonErased', data: { employeeId, employeeNumber: s.employeeNumber, reason, erasedAt: at } }];
    }
    default:
      return assertNever(cmd);
  }
};

const evolve = (s: Employee, e: EmployeeEvent): Employee => {
  switch (e.type) {
    case 'EmployeeOnboarded': {
      const { at: _at, ...profile } = e.data;
      return { status: 'active', ...profile };
    }
    case 'EmployeeTransferred':
      return s.status === 'new' ? s : { ...s, businessUnitId: e.data.toBusinessUnitId, position: e.data.position ?? s.position };
    case 'EmployeeManagerChanged':
      return s.status === 'new' ? s : { ...s, managerId: e.data.toManagerId };
    case 'EmployeeOffboarded':
      return s.status === 'new' ? s : { ...s, status: 'offboarded' };
    case 'PersonErased':
      return s.status === 'new' ? s : { ...s, status: 'erased', name: '[erased]', erasedAt: e.data.erasedAt };
    default:
      return assertNever(e);
  }
};

export const employeeDecider: Decider<EmployeeCommand, EmployeeEvent, Employee> = {
  decide,
  evolve,
  initialState: (): Employee => ({ status: 'new' }),
};
