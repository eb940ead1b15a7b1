import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditedRead, query, ReadableUnits, Roles, Scope } from '@tpm/auth';
import { DashboardQueries } from '@tpm/reporting-projections';
import { ApiError, RecordScope } from '@tpm/service-kit';
import type { Request, Response } from 'express';
import { DashboardQuery } from '../dto/dashboard.dto';
import { DashboardFilter } from './dashboard-filter';
import { answer, DASHBOARD_READERS } from './dashboard-response';

/** The training panel of the caller's units (or `unit` and below). */
@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('dashboards/training')
export class TrainingDashboardController {
  constructor(
    private readonly queries: DashboardQueries,
    private readonly filter: DashboardFilter,
  ) {}

  @Get()
  @Roles(...DASHBOARD_READERS)
  @AuditedRead('reporting.training')
  @RecordScope(Scope.unit(query('unit'), 'read', { absent: 'skip' }))
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{completions, needs: [{competency, source, open, met}], programs: [{programId, completed, people, enrolled, completionPercent, meanExamScore (0-100)}], kirkpatrick: [{programId, l1 (1-5), l2 (score points gained), l3 (1-5), evaluations}]}' })
  @ApiBadRequestResponse({ type: ApiError })
  @ApiForbiddenResponse({ type: ApiError })
  async get(@Query() q: DashboardQuery, @ReadableUnits() readable: string[] | null, @Req() req: Request, @Res() res: Response) {
    const body = await this.queries.training(await this.filter.resolve(q, readable));
    await answer(req, res, q.format, 'training', body, (b) => [...b.needs.map((n: Record<string, unknown>) => ({ kind: 'need', ...n })), ...b.programs.map((p: Record<string, unknown>) => ({ kind: 'program', ...p })), ...b.kirkpatrick.map((k: Record<string, unknown>) => ({ kind: 'kirkpatrick', ...k }))] as Record<string, unknown>[]);
  }
}
