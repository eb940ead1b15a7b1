import type { Message } from '@tpm/kernel';
import type { EmployeeLevel } from './org-structure.events';

/** `at` is an ISO-8601 instant stamped by the application from its clock. */
export type RegisterBusinessUnit = Message<
  'RegisterBusinessUnit',
  { businessUnitId: string; name: string; parentId: string | null; at: string }
>;
export type ReparentBusinessUnit = Message<'ReparentBusinessUnit', { businessUnitId: string; toParentId: string; at: string }>;
export type RenameBusinessUnit = Message<'RenameBusinessUnit', { businessUnitId: string; name: string; at: string }>;
export type DefinePosition = Message<
  'DefinePosition',
  { positionId: string; title: string; businessUnitId: string; level: EmployeeLevel; at: string }
>;

export type OrgStructureCommand = RegisterBusinessUnit | ReparentBusinessUnit | RenameBusinessUnit | DefinePosition;
