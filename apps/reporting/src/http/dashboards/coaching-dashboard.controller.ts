import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditedRead, query, ReadableUnits, Roles, Scope } from '@tpm/auth';
import { DashboardQueries } from '@tpm/reporting-projections';
import { ApiError, RecordScope } from '@tpm/service-kit';
import type { Request, Response } from 'express';
import { DashboardQuery } from '../dto/dashboard.dto';
import { DashboardFilter } from './dashboard-filter';
import { answer, DASHBOARD_READERS } from './dashboard-response';

/** The coaching panel of the caller's units (or `unit` and below). */
@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('dashboards/coaching')
export class CoachingDashboardController {
  constructor(
    private readonly queries: DashboardQueries,
    private readonly filter: DashboardFilter,
  ) {}

  @Get()
  @Roles(...DASHBOARD_READERS)
  @AuditedRead('reporting.coaching')
  @RecordScope(Scope.unit(query('unit'), 'read', { absent: 'skip' }))
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{coachees, engagements, headcount, coveragePercent, sessionsPerMonth: [{month, sessions, hours}], monthlyReviews: [{month, onTime, late, overdue}], improvementPlans: [{outcome, plans}]}' })
  @ApiBadRequestResponse({ type: ApiError })
  @ApiForbiddenResponse({ type: ApiError })
  async get(@Query() q: DashboardQuery, @ReadableUnits() readable: string[] | null, @Req() req: Request, @Res() res: Response) {
    const body = await this.queries.coaching(await this.filter.resolve(q, readable));
    await answer(req, res, q.format, 'coaching', body, (b) => [...b.sessionsPerMonth.map((s: Record<string, unknown>) => ({ kind: 'sessions', ...s })), ...b.monthlyReviews.map((r: Record<string, unknown>) => ({ kind: 'reviews', ...r })), ...b.improvementPlans.map((p: Record<string, unknown>) => ({ kind: 'plans', ...p }))] as Record<string, unknown>[]);
  }
}
