import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { IdentifyNeedHandler, ObsoleteNeedHandler } from '@tpm/training-application';
import { TrainingQueries } from '@tpm/training-infrastructure';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import { CloseNeedRequest, IdentifyNeedRequest, NeedsQuery } from './dto/need.dto';

/** Step 1, needs analysis: requested needs come in here, appraisal and coaching gaps as events. */
@ApiTags('training: needs')
@Controller('training/needs')
export class NeedsController {
  constructor(
    private readonly identify: IdentifyNeedHandler,
    private readonly obsolete: ObsoleteNeedHandler,
    private readonly queries: TrainingQueries,
  ) {}

  @Get()
  @Roles('manager', 'hr')
  @ApiOkResponse({ description: 'Needs, highest priority first (priority = gap × strategic weight, formula version on each row)' })
  @ApiBadRequestResponse({ type: ApiError })
  list(@Query() q: NeedsQuery) {
    return this.queries.needs({ businessUnitIds: q.businessUnitId ? [q.businessUnitId] : null, status: q.status, sort: q.sort, limit: q.limit });
  }

  @Post()
  @Roles('manager', 'hr', 'employee')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  create(@Body() body: IdentifyNeedRequest, @Ctx() ctx: RequestContext) {
    return this.identify.handle({ ...body, sourceRef: body.sourceRef ?? null }, ctx);
  }

  @Post('obsolete')
  @HttpCode(200)
  @Roles('manager', 'hr')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  close(@Body() body: CloseNeedRequest, @Ctx() ctx: RequestContext) {
    return this.obsolete.handle(body, ctx);
  }
}
