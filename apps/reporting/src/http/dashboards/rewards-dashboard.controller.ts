import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditedRead, query, ReadableUnits, Roles, Scope } from '@tpm/auth';
import { DashboardQueries } from '@tpm/reporting-projections';
import { ApiError, RecordScope } from '@tpm/service-kit';
import type { Request, Response } from 'express';
import { DashboardQuery } from '../dto/dashboard.dto';
import { DashboardFilter } from './dashboard-filter';
import { answer, DASHBOARD_READERS } from './dashboard-response';

/** The rewards panel of the caller's units (or `unit` and below). */
@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('dashboards/rewards')
export class RewardsDashboardController {
  constructor(
    private readonly queries: DashboardQueries,
    private readonly filter: DashboardFilter,
  ) {}

  @Get()
  @Roles(...DASHBOARD_READERS)
  @AuditedRead('reporting.rewards')
  @RecordScope(Scope.unit(query('unit'), 'read', { absent: 'skip' }))
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{items: [{policyId, currency, proposals, proposedAmount, approvedAmount, rejected, grants, grantedAmount, paidAmount, paidOnTimePercent, expectancy, instrumentality, valence, effect, eligible}]}' })
  @ApiBadRequestResponse({ type: ApiError })
  @ApiForbiddenResponse({ type: ApiError })
  async get(@Query() q: DashboardQuery, @ReadableUnits() readable: string[] | null, @Req() req: Request, @Res() res: Response) {
    const body = { items: await this.queries.rewards(await this.filter.resolve(q, readable)) };
    await answer(req, res, q.format, 'rewards', body, (b) => b.items as Record<string, unknown>[]);
  }
}
