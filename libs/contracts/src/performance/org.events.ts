import { contractVersion } from '../contract';
import type { Contract } from '../envelope';
import { instant, nullable, object, oneOf, string } from '../schema';

/** Organization structure, owned by the performance context; every context keeps a local copy. */
export type EmployeeLevel = 'management' | 'staff';

export type BusinessUnitRegistered = Contract<
  'performance.BusinessUnitRegistered',
  1,
  { businessUnitId: string; name: string; parentId: string | null; at: string }
>;
export type BusinessUnitReparented = Contract<
  'performance.BusinessUnitReparented',
  1,
  { businessUnitId: string; fromParentId: string | null; toParentId: string; at: string }
>;
export type BusinessUnitRenamed = Contract<
  'performance.BusinessUnitRenamed',
  1,
  { businessUnitId: string; fromName: string; name: string; at: string }
>;
export type PositionDefined = Contract<
  'performance.PositionDefined',
  1,
  { positionId: string; title: string; businessUnitId: string; level: EmployeeLevel; at: string }
>;
export type EmployeeOnboarded = Contract<
  'performance.EmployeeOnboarded',
  1,
  {
    employeeId: string;
    employeeNumber: string;
    name: string;
    businessUnitId: string;
    position: string;
    managerId: string | null;
    level: EmployeeLevel;
    at: string;
  }
>;
export type EmployeeTransferred = Contract<
  'performance.EmployeeTransferred',
  1,
  { employeeId: string; fromBusinessUnitId: string; toBusinessUnitId: string; position: string | null; at: string }
>;
export type EmployeeManagerChanged = Contract<
  'performance.EmployeeManagerChanged',
  1,
  { employeeId: string; fromManagerId: string | null; toManagerId: string | null; at: string }
>;
export type EmployeeOffboarded = Contract<
  'performance.EmployeeOffboarded',
  1,
  { employeeId: string; businessUnitId: string; reason: string | null; at: string }
>;

export type OrgEvent =
  | BusinessUnitRegistered
  | BusinessUnitReparented
  | BusinessUnitRenamed
  | PositionDefined
  | EmployeeOnboarded
  | EmployeeTransferred
  | EmployeeManagerChanged
  | EmployeeOffboarded;

export const ORG_EVENT_TYPES: OrgEvent['type'][] = [
  'performance.BusinessUnitRegistered',
  'performance.BusinessUnitReparented',
  'performance.BusinessUnitRenamed',
  'performance.PositionDefined',
  'performance.EmployeeOnboarded',
  'performance.EmployeeTransferred',
  'performance.EmployeeManagerChanged',
  'performance.EmployeeOffboarded',
];

const level = oneOf<EmployeeLevel>('management', 'staff');

export const ORG_CONTRACTS = [
  contractVersion<BusinessUnitRegistered>(
    'performance.BusinessUnitRegistered',
    1,
    object({ businessUnitId: string(), name: string(), parentId: nullable(string()), at: instant() }),
  ),
  contractVersion<BusinessUnitReparented>(
    'performance.BusinessUnitReparented',
    1,
    object({ businessUnitId: string(), fromParentId: nullable(string()), toParentId: string(), at: instant() }),
  ),
  contractVersion<BusinessUnitRenamed>('performance.BusinessUnitRenamed', 1, object({ businessUnitId: string(), fromName: string(), name: string(), at: instant() })),
  contractVersion<PositionDefined>(
    'performance.PositionDefined',
    1,
    object({ positionId: string(), title: string(), businessUnitId: string(), level, at: instant() }),
  ),
  contractVersion<EmployeeOnboarded>(
    'performance.EmployeeOnboarded',
    1,
    object({
      employeeId: string(),
      employeeNumber: string(),
      name: string(),
      businessUnitId: string(),
      position: string(),
      managerId: nullable(string()),
      level,
      at: instant(),
    }),
  ),
  contractVersion<EmployeeTransferred>(
    'performance.EmployeeTransferred',
    1,
    object({ employeeId: string(), fromBusinessUnitId: string(), toBusinessUnitId: string(), position: nullable(string()), at: instant() }),
  ),
  contractVersion<EmployeeManagerChanged>(
    'performance.EmployeeManagerChanged',
    1,
    object({ employeeId: string(), fromManagerId: nullable(string()), toManagerId: nullable(string()), at: instant() }),
  ),
  contractVersion<EmployeeOffboarded>(
    'performance.EmployeeOffboarded',
    1,
    object({ employeeId: string(), businessUnitId: string(), reason: nullable(string()), at: instant() }),
  ),
];
