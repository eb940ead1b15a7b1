import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditedRead, query, ReadableUnits, Roles, Scope } from '@tpm/auth';
import { DashboardQueries } from '@tpm/reporting-projections';
import { ApiError, PG_POOL, RecordScope } from '@tpm/service-kit';
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { RowsQuery } from '../dto/dashboard.dto';
import { streamCsv, wantsCsv } from './csv-response';
import { DashboardFilter } from './dashboard-filter';
import { DASHBOARD_READERS } from './dashboard-response';

export const APPRAISAL_COLUMNS = [
  'appraisal_id', 'cycle_id', 'period', 'employee_id', 'business_unit_id', 'manager_id', 'score', 'rating_band', 'rating_band_rank', 'potential', 'goal_attainment', 'competency_gap_count', 'finalized_at',
];

/** Every finalized appraisal matching the filters, paged as JSON or streamed as CSV (an audited read). */
@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('dashboards/performance/appraisals')
export class AppraisalExportController {
  constructor(
    private readonly queries: DashboardQueries,
    private readonly filter: DashboardFilter,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get()
  @Roles(...DASHBOARD_READERS)
  @AuditedRead('reporting.performance.appraisals')
  @RecordScope(Scope.unit(query('unit'), 'read', { absent: 'skip' }))
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'JSON {total, limit, offset, items}; CSV: every matching row, streamed, header row first' })
  @ApiBadRequestResponse({ type: ApiError })
  @ApiForbiddenResponse({ type: ApiError })
  async list(@Query() q: RowsQuery, @ReadableUnits() readable: string[] | null, @Req() req: Request, @Res() res: Response) {
    const f = await this.filter.resolve(q, readable);
    if (wantsCsv(req, q.format)) {
      await streamCsv(this.pool, res, 'appraisals', this.queries.appraisalRowsStatement(f, { limit: 0, offset: 0, sort: q.sort, order: q.order }), APPRAISAL_COLUMNS);
      return;
    }
    const page = { limit: q.limit ?? 100, offset: q.offset ?? 0, sort: q.sort, order: q.order };
    const { total, items } = await this.queries.appraisalRows(f, page);
    res.status(200).json({ total, limit: page.limit, offset: page.offset, items });
  }
}
