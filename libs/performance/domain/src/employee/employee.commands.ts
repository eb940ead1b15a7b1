import type { Message } from '@tpm/kernel';
import type { EmployeeProfile } from './employee.events';

/**
 * `at` is an ISO-8601 instant stamped by the application. Whether the business unit or the
 * manager exist is another aggregate's knowledge: the application checks it before deciding.
 */
export type OnboardEmployee = Message<'OnboardEmployee', EmployeeProfile & { at: string }>;
/** Omit `position` (or pass null) to keep the current one. */
export type TransferEmployee = Message<
  'TransferEmployee',
  { employeeId: string; toBusinessUnitId: string; position?: string | null; at: string }
>;
export type ChangeManager = Message<'ChangeManager', { employeeId: string; managerId: string | null; at: string }>;
export type OffboardEmployee = Message<'OffboardEmployee', { employeeId: string; reason: string | null; at: string }>;

/** The right to erasure: `reason` is kept in the audited event, so it must not name the person. */
export type EraseEmployee = Message<'EraseEmployee', { employeeId: string; reason: string; at: string }>;

export type EmployeeCommand = OnboardEmployee | TransferEmployee | ChangeManager | OffboardEmployee | EraseEmployee;
