import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_POLICY, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { ImportEmployeesHandler, type ImportEmployeesReport, type ImportScope } from '@tpm/performance-application';
import type { RequestContext } from '@tpm/service-kit';

/**
 * The HRIS import within the importer's scope: a row is imported only if its business unit, and
 * the employee's current unit when the row would move them out of it, lie within the units the
 * importer may change; other rows are rejected in the report like any bad row, and the rest of
 * the file still lands. The file is parsed once, by the import itself, and the scope is asked of
 * the rows it is about to write (a second parser here once read a cell differently).
 */
@Injectable()
export class ScopedEmployeeImport {
  constructor(
    private readonly importEmployees: ImportEmployeesHandler,
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
  ) {}

  async handle(csv: string, ctx: RequestContext, caller: Actor): Promise<ImportEmployeesReport> {
    const writable = await this.access.writableBusinessUnits(caller);
    if (writable === null) return this.importEmployees.handle(csv, ctx);
    return this.importEmployees.handle(csv, ctx, undefined, this.scopeOf(caller, new Set(writable)));
  }

  private scopeOf(caller: Actor, writable: Set<string>): ImportScope {
    return {
      refusals: async (units) => {
        const outside = units.filter((u) => !writable.has(u));
        // A unit the store has (the import checked it) but this service's org copy has not seen
        // yet, asked by a caller whose own units the copy knows: the copy lags, say so.
        const governed = caller.businessUnits ?? [];
        const known = await this.access.knownBusinessUnits([...outside, ...governed]);
        const lagging = writable.size > 0 && governed.length > 0 && governed.every((u) => known.has(u));
        return new Map(
          outside.map((u) => [
            u,
            lagging && !known.has(u)
              ? `businessUnitId ${u} is not yet known to this service's copy of the organization (SCOPE_NOT_YET_KNOWN); if it was just created, retry in a few seconds`
              : `businessUnitId ${u} is outside the business units you may change`,
          ]),
        );
      },
    };
  }
}
