import type { Actor } from '@tpm/kernel';

export type AccessMode = 'read' | 'write';

/**
 * Business-unit scoping, answered from the service's local copy of the organization: a token
 * governs business units, and access covers their whole subtree. Controllers ask before they
 * read or change a record that belongs to a unit or an employee.
 */
export interface AccessPolicy {
  /** Throws a 403 error unless the actor may act on records of this business unit. */
  assertBusinessUnit(actor: Actor, businessUnitId: string, mode: AccessMode): Promise<void>;
  /** Throws a 403 error unless the actor may act on this employee's records (own, or in scope). */
  assertEmployee(actor: Actor, employeeId: string, mode: AccessMode): Promise<void>;
  /** The business units (subtrees expanded) whose records the actor may read; null means all. */
  readableBusinessUnits(actor: Actor): Promise<string[] | null>;
  /** The business units (subtrees expanded) whose records the actor may change; null means all. */
  writableBusinessUnits(actor: Actor): Promise<string[] | null>;
  /** Current unit of each employee the local org copy knows (for checks over many rows at once). */
  employeeUnits(employeeIds: string[]): Promise<Map<string, string>>;
  /** Which of these units the local org copy knows yet. */
  knownBusinessUnits(businessUnitIds: string[]): Promise<Set<string>>;
  /** The unit and every unit below it, as the local org copy has them. */
  unitsBelow(businessUnitId: string): Promise<string[]>;
  /** Throws a 403 error unless the actor may act on every root unit (a record the organization owns). */
  assertOrganization(actor: Actor, mode: AccessMode): Promise<void>;
}

export const ACCESS_POLICY = Symbol('ACCESS_POLICY');
