import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditedRead, query, ReadableUnits, Roles, Scope } from '@tpm/auth';
import { DashboardQueries } from '@tpm/reporting-projections';
import { ApiError, RecordScope } from '@tpm/service-kit';
import type { Request, Response } from 'express';
import { DashboardQuery } from '../dto/dashboard.dto';
import { DashboardFilter } from './dashboard-filter';
import { answer, DASHBOARD_READERS } from './dashboard-response';

/** A unit's performance: distribution, by manager, unit × band, 9-box, calibration, stages, trend. */
@ApiTags('dashboards')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@ApiBadRequestResponse({ type: ApiError, description: 'A filter is malformed (the message names it)' })
@ApiForbiddenResponse({ type: ApiError, description: 'The unit is outside the business units you may read' })
@Controller('dashboards/performance')
export class PerformanceDashboardController {
  constructor(
    private readonly queries: DashboardQueries,
    private readonly filter: DashboardFilter,
  ) {}

  @Get('distribution')
  @Roles(...DASHBOARD_READERS)
  @AuditedRead('reporting.performance.distribution')
  @RecordScope(Scope.unit(query('unit'), 'read', { absent: 'skip' }))
  @ApiOkResponse({ description: '{total, meanScore, meanGoalAttainment (0-100), bands: [{band, rank, appraisals, sharePercent, meanScore, meanGoalAttainment}]}' })
  async distribution(@Query() q: DashboardQuery, @ReadableUnits() readable: string[] | null, @Req() req: Request, @Res() res: Response) {
    const body = await this.queries.ratingDistribution(await this.filter.resolve(q, readable));
    await answer(req, res, q.format, 'rating-distribution', body, (b) => b.bands as unknown as Record<string, unknown>[]);
  }

  @Get('by-manager')
  @Roles(...DASHBOARD_READERS)
  @AuditedRead('reporting.performance.by-manager')
  @RecordScope(Scope.unit(query('unit'), 'read', { absent: 'skip' }))
  @ApiOkResponse({ description: '{items: [{managerId, appraisals, bands: {band: count}, meanScore}]}' })
  async byManager(@Query() q: DashboardQuery, @ReadableUnits() readable: string[] | null, @Req() req: Request, @Res() res: Response) {
    const items = await this.queries.distributionByManager(await this.filter.resolve(q, readable));
    await answer(req, res, q.format, 'distribution-by-manager', { items }, (b) => b.items.map(({ bands, ...m }) => ({ ...m, ...bands })));
  }

  @Get('heatmap')
  @Roles(...DASHBOARD_READERS)
  @AuditedRead('reporting.performance.heatmap')
  @RecordScope(Scope.unit(query('unit'), 'read', { absent: 'skip' }))
  @ApiOkResponse({ description: "{items: [{businessUnitId, band, rank, appraisals}]}: each child unit of `unit`, its subtree rolled up" })
  async heatmap(@Query() q: DashboardQuery, @ReadableUnits() readable: string[] | null, @Req() req: Request, @Res() res: Response) {
    const f = await this.filter.resolve(q, readable);
    const items = await this.queries.heatmap(f, q.unit ?? null);
    await answer(req, res, q.format, 'heatmap', { items }, (b) => b.items as unknown as Record<string, unknown>[]);
  }

  @Get('nine-box')
  @Roles(...DASHBOARD_READERS)
  @AuditedRead('reporting.performance.nine-box')
  @RecordScope(Scope.unit(query('unit'), 'read', { absent: 'skip' }))
  @ApiOkResponse({ description: '{cells: [{performance, potential, appraisals}], unplaced}' })
  async nineBox(@Query() q: DashboardQuery, @ReadableUnits() readable: string[] | null, @Req() req: Request, @Res() res: Response) {
    const body = await this.queries.nineBox(await this.filter.resolve(q, readable));
    await answer(req, res, q.format, 'nine-box', body, (b) => b.cells);
  }

  @Get('calibration')
  @Roles(...DASHBOARD_READERS)
  @AuditedRead('reporting.performance.calibration')
  @RecordScope(Scope.unit(query('unit'), 'read', { absent: 'skip' }))
  @ApiOkResponse({ description: '{total, moves: [{fromBand, toBand, shifts}], byCalibrator, byUnit}' })
  async calibration(@Query() q: DashboardQuery, @ReadableUnits() readable: string[] | null, @Req() req: Request, @Res() res: Response) {
    const body = await this.queries.calibrationShifts(await this.filter.resolve(q, readable));
    await answer(req, res, q.format, 'calibration-shifts', body, (b) => b.moves);
  }

  @Get('completion')
  @Roles(...DASHBOARD_READERS)
  @AuditedRead('reporting.performance.completion')
  @RecordScope(Scope.unit(query('unit'), 'read', { absent: 'skip' }))
  @ApiOkResponse({ description: '{total, self, manager, calibration, finalized, acknowledged, disputed}: appraisals that reached each stage' })
  async completion(@Query() q: DashboardQuery, @ReadableUnits() readable: string[] | null, @Req() req: Request, @Res() res: Response) {
    const body = await this.queries.completionByStage(await this.filter.resolve(q, readable));
    await answer(req, res, q.format, 'completion-by-stage', body, (b) => Object.entries(b).map(([stage, appraisals]) => ({ stage, appraisals })));
  }

  @Get('trend')
  @Roles(...DASHBOARD_READERS)
  @AuditedRead('reporting.performance.trend')
  @RecordScope(Scope.unit(query('unit'), 'read', { absent: 'skip' }))
  @ApiOkResponse({ description: '{items: [{period, appraisals, bands: {band: count}, meanScore}]}, oldest first' })
  async trend(@Query() q: DashboardQuery, @ReadableUnits() readable: string[] | null, @Req() req: Request, @Res() res: Response) {
    const items = await this.queries.trend(await this.filter.resolve(q, readable));
    await answer(req, res, q.format, 'trend', { items }, (b) => b.items.map(({ bands, ...t }) => ({ ...t, ...bands })));
  }
}
