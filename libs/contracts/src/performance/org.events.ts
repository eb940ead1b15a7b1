import { contractUpcaster, contractVersion } from '../contract';
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
/**
 * v2 carries no name: a name is personal data and must not outlive an erasure on the broker.
 * Consumers that show one ask the performance service (`GET /org/employees/:employeeNumber`).
 */
export type EmployeeOnboarded = Contract<
  'performance.EmployeeOnboarded',
  2,
  {
    employeeId: string;
    employeeNumber: string;
    businessUnitId: string;
    position: string;
    managerId: string | null;
    level: EmployeeLevel;
    at: string;
  }
>;
/** v1, as published before names left the broker; read as v2 (the name is dropped). */
export type EmployeeOnboardedV1 = Contract<'performance.EmployeeOnboarded', 1, EmployeeOnboarded['data'] & { name: string }>;
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
/** v2 carries no reason: why someone left is personal data (v1's free-text reason is dropped on read). */
export type EmployeeOffboarded = Contract<'performance.EmployeeOffboarded', 2, { employeeId: string; businessUnitId: string; at: string }>;
export type EmployeeOffboardedV1 = Contract<'performance.EmployeeOffboarded', 1, EmployeeOffboarded['data'] & { reason: string | null }>;

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

const onboarded = {
  employeeId: string(),
  employeeNumber: string(),
  businessUnitId: string(),
  position: string(),
  managerId: nullable(string()),
  level,
  at: instant(),
};
export const EmployeeOnboardedV1Contract = contractVersion<EmployeeOnboardedV1>('performance.EmployeeOnboarded', 1, object({ ...onboarded, name: string() }));
export const EmployeeOnboardedContract = contractVersion<EmployeeOnboarded>('performance.EmployeeOnboarded', 2, object(onboarded));
export const EMPLOYEE_ONBOARDED_V1_TO_V2 = contractUpcaster(EmployeeOnboardedV1Contract, EmployeeOnboardedContract, ({ name: _name, ...rest }) => rest);

const offboarded = { employeeId: string(), businessUnitId: string(), at: instant() };
export const EmployeeOffboardedV1Contract = contractVersion<EmployeeOffboardedV1>(
  'performance.EmployeeOffboarded',
  1,
  object({ ...offboarded, reason: nullable(string()) }),
);
export const EmployeeOffboardedContract = contractVersion<EmployeeOffboarded>('performance.EmployeeOffboarded', 2, object(offboarded));
export const EMPLOYEE_OFFBOARDED_V1_TO_V2 = contractUpcaster(EmployeeOffboardedV1Contract, EmployeeOffboardedContract, ({ reason: _reason, ...rest }) => rest);

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
  EmployeeOnboardedV1Contract,
  EmployeeOnboardedContract,
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
  EmployeeOffboardedV1Contract,
  EmployeeOffboardedContract,
];
