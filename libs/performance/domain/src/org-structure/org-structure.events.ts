import type { Message } from '@tpm/kernel';

export type EmployeeLevel = 'management' | 'staff';

// Payloads mirror the published contracts in @tpm/contracts (performance/org.events.ts);
// the infrastructure only prefixes the type with `performance.`.
export type BusinessUnitRegistered = Message<
  'BusinessUnitRegistered',
  { businessUnitId: string; name: string; parentId: string | null; at: string }
>;
export type BusinessUnitReparented = Message<
  'BusinessUnitReparented',
  { businessUnitId: string; fromParentId: string | null; toParentId: string; at: string }
>;
export type BusinessUnitRenamed = Message<
  'BusinessUnitRenamed',
  { businessUnitId: string; fromName: string; name: string; at: string }
>;
export type PositionDefined = Message<
  'PositionDefined',
  { positionId: string; title: string; businessUnitId: string; level: EmployeeLevel; at: string }
>;

export type OrgStructureEvent = BusinessUnitRegistered | BusinessUnitReparented | BusinessUnitRenamed | PositionDefined;
