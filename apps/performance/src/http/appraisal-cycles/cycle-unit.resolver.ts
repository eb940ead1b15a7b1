import { Injectable } from '@nestjs/common';
import { param, Scope, wholeOrganization, type RecordUnitResolver, type ScopeMode } from '@tpm/auth';
import { AppraisalQueries } from '@tpm/performance-application';

/** An appraisal cycle covers a unit's subtree, or with no unit the whole organization. A cycle that does not exist is a 404 from the query. */
@Injectable()
export class CycleUnit implements RecordUnitResolver {
  constructor(private readonly queries: AppraisalQueries) {}

  async unitOf(cycleId: string): Promise<string | null> {
    return (await this.queries.cycle(cycleId)).businessUnitId;
  }
}

export const orgWideCycle = (mode: 'read' | 'write') =>
  wholeOrganization(`An organization-wide cycle needs access to every business unit to ${mode === 'read' ? 'read' : 'change'} it`);

/** The cycle a route names (`:cycleId`): scope on its unit; an organization-wide cycle needs full scope. */
export const cycleScope = (mode: 'read' | 'write') => Scope.record(CycleUnit, param('cycleId'), mode satisfies ScopeMode, { ofWholeOrganization: orgWideCycle(mode) });
