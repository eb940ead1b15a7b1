import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { IdentifyNeedHandler, ObsoleteNeedHandler } from '@tpm/training-application';
import { TrainingQueries } from '@tpm/training-infrastructure';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import { TrainingScope } from './training-scope';
import { CloseNeedRequest, IdentifyNeedRequest, NeedsQuery } from './dto/need.dto';

/** Step 1, needs analysis: requested needs come in here, appraisal and coaching gaps as events. */
@ApiTags('training: needs')
@Controller('training/needs')
export class NeedsController {
  constructor(
    private readonly identify: IdentifyNeedHandler,
    private readonly obsolete: ObsoleteNeedHandler,
    private readonly queries: TrainingQueries,
    private readonly scope: TrainingScope,
  ) {}

  @Get()
  @Roles('manager', 'hr', 'admin')
  @ApiOkResponse({ description: 'Needs, highest priority first (priority = gap × strategic weight, formula version on each row)' })
  @ApiBadRequestResponse({ type: ApiError })
  async list(@Query() q: NeedsQuery, @Caller() caller: Actor) {
    // Asked for one unit: it must be readable. Otherwise: every unit the caller may read.
    if (q.businessUnitId) await this.scope.policy.assertBusinessUnit(caller, q.businessUnitId, 'read');
    const businessUnitIds = q.businessUnitId ? [q.businessUnitId] : await this.scope.policy.readableBusinessUnits(caller);
    return this.queries.needs({ businessUnitIds, status: q.status, sort: q.sort, limit: q.limit });
  }

  @Post()
  @Roles('manager', 'hr', 'employee', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  async create(@Body() body: IdentifyNeedRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.need(caller, body.employeeId, body.businessUnitId, 'write');
    return this.identify.handle({ ...body, sourceRef: body.sourceRef ?? null }, ctx);
  }

  @Post('obsolete')
  @HttpCode(200)
  @Roles('manager', 'hr', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  async close(@Body() body: CloseNeedRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.need(caller, body.employeeId, body.businessUnitId, 'write');
    return this.obsolete.handle(body, ctx);
  }
}
