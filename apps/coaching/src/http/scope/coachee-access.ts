import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_POLICY, forbidden, type AccessMode, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';

/**
 * The second half of a route open to the coachee (`unlessRole: 'employee'`): the caller is the
 * person the record is about, or holds scope over its unit. A manager who is also an employee
 * skips the declared rule by their employee role, so their scope is checked here.
 */
@Injectable()
export class CoacheeAccess {
  constructor(@Inject(ACCESS_POLICY) private readonly policy: AccessPolicy) {}

  async assert(caller: Actor, record: { businessUnitId: string; personId: string }, mode: AccessMode): Promise<void> {
    if (caller.employeeId && caller.employeeId === record.personId) return;
    const scoped = caller.roles.some((r) => r !== 'employee');
    if (!scoped) throw forbidden('OUT_OF_SCOPE', 'This record is about someone else');
    await this.policy.assertBusinessUnit(caller, record.businessUnitId, mode === 'write' && !caller.roles.some((r) => r === 'hr' || r === 'manager' || r === 'admin') ? 'read' : mode);
  }
}
