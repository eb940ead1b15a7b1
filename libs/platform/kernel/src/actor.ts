/** Who acts: the subject of the bearer token (or a system component) and their roles. */
export type Role = 'employee' | 'manager' | 'hr' | 'trainer' | 'coach' | 'executive' | 'analyst' | 'auditor' | 'admin' | 'system';

export interface Actor {
  subject: string;
  roles: Role[];
  /** Business units the actor governs (their subtrees). */
  businessUnits?: string[];
  /** The employee this person is, when they are one: "own records" means records of this id. */
  employeeId?: string;
}

export const systemActor = (component: string): Actor => ({ subject: `system:${component}`, roles: ['system'] });
