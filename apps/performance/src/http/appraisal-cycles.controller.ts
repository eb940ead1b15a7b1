import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, ReadOnlyOperation, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { AdvanceAppraisalStageHandler, AppraisalQueries, EnrolCycleParticipantsHandler, FinalizeCycleHandler, OpenAppraisalCycleHandler } from '@tpm/performance-application';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import { AppraisalScope } from './appraisal-scope';
import { AdvanceStageRequest, invalidWeights, OpenAppraisalCycleRequest, WhatIfRequest } from './dto/appraisal-cycle.dto';
import { AsOfQuery } from './dto/employee.dto';
import { CycleParam } from './dto/performance-ids.dto';

/**
 * HR runs a cycle: open, enrol the scope, advance the stages, finalize; the committee reads the
 * distribution and what-if. Access: write (or read) scope on the cycle's unit; an
 * organization-wide cycle needs full scope.
 */
@ApiTags('appraisal cycles')
@ApiBearerAuth()
@Controller('appraisal-cycles')
export class AppraisalCyclesController {
  constructor(
    private readonly open: OpenAppraisalCycleHandler,
    private readonly enrol: EnrolCycleParticipantsHandler,
    private readonly advance: AdvanceAppraisalStageHandler,
    private readonly finalize: FinalizeCycleHandler,
    private readonly queries: AppraisalQueries,
    private readonly scope: AppraisalScope,
  ) {}

  @Post()
  @Roles('hr', 'admin')
  @ApiCreatedResponse({ description: 'Cycle opened in planning' })
  @ApiUnprocessableEntityResponse({ type: ApiError })
  async create(@Body() body: OpenAppraisalCycleRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.unitOrOrganization(caller, body.businessUnitId, 'write');
    return this.open.handle({ ...body, bands: body.bands?.map(({ name, from }) => ({ name, from })) }, ctx);
  }

  @Post(':cycleId/participants')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @ApiOkResponse({ description: 'Enrols the active employees of the scope not yet enrolled (idempotent)' })
  async participants(@Param() p: CycleParam, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.cycle(caller, p.cycleId, 'write');
    return this.enrol.handle({ cycleId: p.cycleId }, ctx);
  }

  @Post(':cycleId/stage')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @ApiOkResponse({ description: 'Advanced to the next stage (appended 0 when already there)' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Going back, skipping a stage, or a closed cycle' })
  @ApiConflictResponse({ type: ApiError })
  async stage(@Param() p: CycleParam, @Body() body: AdvanceStageRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.cycle(caller, p.cycleId, 'write');
    return this.advance.handle({ cycleId: p.cycleId, to: body.to }, ctx);
  }

  @Post(':cycleId/finalization')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @ApiOkResponse({ description: 'Every assessed appraisal finalized; AppraisalFinalized published for each' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'No finalization before calibration' })
  async finalization(@Param() p: CycleParam, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.cycle(caller, p.cycleId, 'write');
    return this.finalize.handle({ cycleId: p.cycleId }, ctx);
  }

  @Get(':cycleId')
  @Roles('hr', 'manager', 'executive', 'analyst', 'auditor', 'admin')
  @ApiOkResponse({ description: 'The cycle (stage, bands, rules version), optionally as of an instant' })
  @ApiNotFoundResponse({ type: ApiError })
  async get(@Param() p: CycleParam, @Query() q: AsOfQuery, @Caller() caller: Actor) {
    await this.scope.cycle(caller, p.cycleId, 'read');
    return this.queries.cycle(p.cycleId, q.asOf);
  }

  @Get(':cycleId/distribution')
  @Roles('hr', 'executive', 'auditor', 'admin')
  @ApiOkResponse({ description: 'Appraisals per rating band and business unit, as they stand' })
  async distribution(@Param() p: CycleParam, @Caller() caller: Actor) {
    await this.scope.cycle(caller, p.cycleId, 'read');
    return this.queries.distribution(p.cycleId);
  }

  @Post(':cycleId/what-if')
  @ReadOnlyOperation()
  @HttpCode(200)
  @Roles('hr', 'executive', 'analyst', 'auditor', 'admin')
  @ApiOkResponse({ description: 'The recorded assessments re-scored under other weights, bands or rules; nothing is written' })
  async whatIf(@Param() p: CycleParam, @Body() body: WhatIfRequest, @Caller() caller: Actor) {
    await this.scope.cycle(caller, p.cycleId, 'read');
    const bad = invalidWeights(body.weights);
    if (bad.length) {
      throw new BadRequestException({ code: 'VALIDATION_FAILED', message: 'Invalid request: weights', details: [{ field: 'weights', errors: bad.map((k) => `weights.${k} must be a number of 0 or more for a valid objective id`) }] });
    }
    return this.queries.whatIf(p.cycleId, { weights: body.weights, bands: body.bands?.map(({ name, from }) => ({ name, from })), rulesVersion: body.rulesVersion });
  }
}
