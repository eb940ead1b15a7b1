import type { Message } from '@tpm/kernel';
import type { EmployeeLevel } from '../org-structure/org-structure.events';

export type { EmployeeLevel };

export interface EmployeeProfile {
  employeeId: string;
  employeeNumber: string;
  name: string;
  businessUnitId: string;
  position: string;
  managerId: string | null;
  level: EmployeeLevel;
}

// Payloads mirror the published contracts in @tpm/contracts (performance/org.events.ts).
export type EmployeeOnboarded = Message<'EmployeeOnboarded', EmployeeProfile & { at: string }>;
/** `position` is the new position, or null when the employee keeps the one they had. */
export type EmployeeTransferred = Message<
  'EmployeeTransferred',
  { employeeId: string; fromBusinessUnitId: string; toBusinessUnitId: string; position: string | null; at: string }
>;
export type EmployeeManagerChanged = Message<
  'EmployeeManagerChanged',
  { employeeId: string; fromManagerId: string | null; toManagerId: string | null; at: string }
>;
export type EmployeeOffboarded = Message<
  'EmployeeOffboarded',
  { employeeId: string; businessUnitId: string; reason: string | null; at: string }
>;

/**
 * A person was erased: their key is destroyed with this event, so every personal field sealed
 * under it reads as '[erased]' from now on. The event itself holds no personal data: the reason is
 * refused when it names the person, and the actor is the HR user or admin who asked.
 */
export type PersonErased = Message<'PersonErased', { employeeId: string; employeeNumber: string; reason: string; erasedAt: string }>;

export type EmployeeEvent = EmployeeOnboarded | EmployeeTransferred | EmployeeManagerChanged | EmployeeOffboarded | PersonErased;
