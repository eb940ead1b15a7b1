import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditedRead, query, ReadableUnits, Roles, Scope } from '@tpm/auth';
import { DashboardQueries } from '@tpm/reporting-projections';
import { ApiError, RecordScope } from '@tpm/service-kit';
import type { Request, Response } from 'express';
import { DashboardQuery } from '../dto/dashboard.dto';
import { DashboardFilter } from './dashboard-filter';
import { answer, DASHBOARD_READERS } from './dashboard-response';

/** The organization: the unit tree with headcount by level, as of any date; unit names only, never people's. */
@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('dashboards/org')
export class OrgDashboardController {
  constructor(
    private readonly queries: DashboardQueries,
    private readonly filter: DashboardFilter,
  ) {}

  @Get('units')
  @Roles(...DASHBOARD_READERS)
  @AuditedRead('reporting.org.units')
  @RecordScope(Scope.unit(query('unit'), 'read', { absent: 'skip' }))
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description: '{asOf, total, byLevel, items: [{businessUnitId, name, parentId, depth, headcount (people directly in it), byLevel, subtreeHeadcount}]}: your units, or `unit` and below',
  })
  @ApiBadRequestResponse({ type: ApiError })
  @ApiForbiddenResponse({ type: ApiError })
  async units(@Query() q: DashboardQuery, @ReadableUnits() readable: string[] | null, @Req() req: Request, @Res() res: Response) {
    const f = await this.filter.resolve(q, readable);
    const roots = q.unit ? [q.unit] : readable ? await this.topmost(readable) : await this.queries.roots();
    const visible = f.units && new Set(f.units);
    const tree = (await Promise.all(roots.map((r) => this.queries.subtree(r)))).flat().filter((u) => !visible || visible.has(u.businessUnitId));
    const counts = await this.queries.headcount({ ...f, units: tree.map((u) => u.businessUnitId) });
    const direct = (id: string) => Object.values(counts.byUnit[id] ?? {}).reduce((a, b) => a + b, 0);
    const children = new Map<string, string[]>();
    for (const u of tree) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.businessUnitId]);
    const subtreeCount = (id: string, seen = new Set<string>()): number =>
      seen.has(id) ? 0 : (seen.add(id), direct(id) + (children.get(id) ?? []).reduce((n, c) => n + subtreeCount(c, seen), 0));
    const items = tree.map((u) => ({ ...u, headcount: direct(u.businessUnitId), byLevel: counts.byUnit[u.businessUnitId] ?? {}, subtreeHeadcount: subtreeCount(u.businessUnitId) }));
    await answer(req, res, q.format, 'org-units', { asOf: q.asOf ?? null, total: counts.total, byLevel: counts.byLevel, items }, (b) =>
      b.items.map(({ byLevel, ...u }) => ({ ...u, ...byLevel })),
    );
  }

  /** The caller's units whose parent they cannot read: the tops of their subtrees. */
  private async topmost(readable: string[]): Promise<string[]> {
    const set = new Set(readable);
    const tops: string[] = [];
    for (const id of readable) {
      const [self] = await this.queries.subtree(id);
      if (self && (!self.parentId || !set.has(self.parentId))) tops.push(id);
    }
    return tops;
  }
}
