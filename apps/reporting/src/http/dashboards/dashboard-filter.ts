import { Injectable } from '@nestjs/common';
import { DashboardQueries, type ReadFilter } from '@tpm/reporting-projections';
import type { DashboardQuery } from '../dto/dashboard.dto';
import { BusinessUnitUnknown } from '../org/business-unit-unknown.error';

/**
 * The filter a dashboard query runs with: the named unit's subtree, cut to the units the caller
 * may read (the route's scope rule has already refused a unit outside them).
 */
@Injectable()
export class DashboardFilter {
  constructor(private readonly queries: DashboardQueries) {}

  async resolve(q: DashboardQuery, readable: string[] | null): Promise<ReadFilter> {
    let units: string[] | null = readable;
    if (q.unit) {
      const subtree = (await this.queries.subtree(q.unit)).map((u) => u.businessUnitId);
      if (!subtree.length) throw new BusinessUnitUnknown(q.unit);
      const allowed = readable && new Set(readable);
      units = allowed ? subtree.filter((u) => allowed.has(u)) : subtree;
    }
    return { units, cycleId: q.cycleId, period: q.period, level: q.level, band: q.band, asOf: q.asOf, from: q.from, to: q.to };
  }
}
