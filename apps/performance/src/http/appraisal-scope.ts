import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_POLICY, forbidden, type AccessMode, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { AppraisalQueries } from '@tpm/performance-application';

/**
 * Business-unit scope for records that are not one employee's: an appraisal cycle covers a unit's
 * subtree (or, with no unit, the whole organization, which needs full scope).
 */
@Injectable()
export class AppraisalScope {
  constructor(
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
    private readonly queries: AppraisalQueries,
  ) {}

  async unitOrOrganization(caller: Actor, businessUnitId: string | null, mode: AccessMode): Promise<void> {
    if (businessUnitId !== null) return this.access.assertBusinessUnit(caller, businessUnitId, mode);
    const units = mode === 'write' ? await this.access.writableBusinessUnits(caller) : await this.access.readableBusinessUnits(caller);
    if (units !== null) throw forbidden('OUT_OF_SCOPE', `An organization-wide cycle needs access to every business unit to ${mode === 'read' ? 'read' : 'change'} it`);
  }

  /** The cycle's scope; a cycle that does not exist is a 404 from the query. */
  async cycle(caller: Actor, cycleId: string, mode: AccessMode): Promise<void> {
    const { businessUnitId } = await this.queries.cycle(cycleId);
    await this.unitOrOrganization(caller, businessUnitId, mode);
  }
}
