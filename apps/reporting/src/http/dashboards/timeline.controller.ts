import { Controller, Get, Inject, Injectable, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ACCESS_POLICY, AuditedRead, Caller, forbidden, param, Roles, Scope, type AccessPolicy, type RecordUnitResolver } from '@tpm/auth';
import { DomainError, type Actor } from '@tpm/kernel';
import { DashboardQueries } from '@tpm/reporting-projections';
import { ApiError, PG_POOL, RecordScope } from '@tpm/service-kit';
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { EmployeeIdParam, TimelineQuery } from '../dto/dashboard.dto';
import { streamCsv, wantsCsv } from './csv-response';

class EmployeeUnknown extends DomainError {
  readonly code = 'EMPLOYEE_NOT_FOUND';
  override readonly kind = 'not-found';
  constructor(employeeId: string) {
    super(`No employee ${employeeId} in the organization read model`, { employeeId });
  }
}

/** The employee's current unit, from the org history read model. */
@Injectable()
export class TimelineEmployeeUnit implements RecordUnitResolver {
  constructor(private readonly queries: DashboardQueries) {}
  async unitOf(employeeId: string): Promise<string | null> {
    const unit = await this.queries.unitOfEmployee(employeeId);
    if (unit === null) throw new EmployeeUnknown(employeeId);
    return unit;
  }
}

const GOVERNING = ['hr', 'manager', 'admin'];

/**
 * An employee's 360° timeline across the contexts: the employee themselves, or a manager, HR or
 * admin whose units hold the employee's (their manager chain governs the units above theirs).
 */
@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('dashboards/employees/:employeeId/timeline')
export class TimelineController {
  constructor(
    private readonly queries: DashboardQueries,
    private readonly units: TimelineEmployeeUnit,
    @Inject(ACCESS_POLICY) private readonly policy: AccessPolicy,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Get()
  @Roles('employee', 'manager', 'hr', 'admin')
  @AuditedRead('reporting.timeline')
  // Employees skip the unit rule: the handler lets them see their own timeline only.
  @RecordScope(Scope.record(TimelineEmployeeUnit, param('employeeId'), 'read', { unlessRole: 'employee' }))
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: '{employeeId, items: [{eventId, context, type, occurredAt, businessUnitId, correlationId, causationId, facts}]}, oldest first' })
  @ApiNotFoundResponse({ type: ApiError })
  @ApiForbiddenResponse({ type: ApiError, description: 'Not you, and not an employee of the units you govern' })
  async get(@Param() p: EmployeeIdParam, @Query() q: TimelineQuery, @Caller() caller: Actor, @Req() req: Request, @Res() res: Response) {
    if (caller.employeeId !== p.employeeId) {
      if (!caller.roles.some((r) => GOVERNING.includes(r))) throw forbidden('OUT_OF_SCOPE', 'You may see your own timeline only');
      const unit = await this.units.unitOf(p.employeeId);
      const readable = await this.policy.readableBusinessUnits(caller);
      if (readable !== null && (unit === null || !readable.includes(unit))) throw forbidden('OUT_OF_SCOPE', 'This employee is outside the business units you may read');
    }
    const f = { asOf: q.asOf, from: q.from, to: q.to };
    if (wantsCsv(req, q.format)) {
      await streamCsv(this.pool, res, `timeline-${p.employeeId}`, this.queries.timelineStatement(p.employeeId, f, { limit: 0, offset: 0, order: q.order }), [
        'event_id', 'context', 'type', 'occurred_at', 'business_unit_id', 'correlation_id', 'causation_id', 'facts',
      ]);
      return;
    }
    const items = await this.queries.timeline(p.employeeId, f, { limit: q.limit ?? 100, offset: q.offset ?? 0, order: q.order });
    res.status(200).json({ employeeId: p.employeeId, items });
  }
}
