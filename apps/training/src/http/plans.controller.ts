import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { PlanCommandHandler, planStream } from '@tpm/training-application';
import { planDecider, PlanNotFound } from '@tpm/training-domain';
import { ApiError, Ctx, EVENT_STORE, type RequestContext } from '@tpm/service-kit';
import { PlanParam } from './dto/ids.dto';
import { DraftPlanRequest, RecordSpendRequest, RevisePlanRequest } from './dto/plan.dto';

/** Step 2, the plan per unit and period: drafted and revised by HR and managers, approved by executives or HR. */
@ApiTags('training: plans')
@Controller('training/plans')
export class PlansController {
  constructor(
    private readonly plans: PlanCommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @Roles('hr', 'manager')
  @ApiConflictResponse({ type: ApiError })
  draft(@Body() body: DraftPlanRequest, @Ctx() ctx: RequestContext) {
    return this.plans.draft(body, ctx);
  }

  @Post(':planId/submit')
  @HttpCode(200)
  @Roles('hr', 'manager')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  submit(@Param() p: PlanParam, @Ctx() ctx: RequestContext) {
    return this.plans.submit(p.planId, ctx);
  }

  @Post(':planId/approve')
  @HttpCode(200)
  @Roles('executive', 'hr')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  approve(@Param() p: PlanParam, @Ctx() ctx: RequestContext) {
    return this.plans.approve(p.planId, ctx);
  }

  @Post(':planId/revisions')
  @HttpCode(200)
  @Roles('hr', 'manager')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  revise(@Param() p: PlanParam, @Body() body: RevisePlanRequest, @Ctx() ctx: RequestContext) {
    return this.plans.revise(p.planId, body, ctx);
  }

  @Post(':planId/spend')
  @HttpCode(200)
  @Roles('hr')
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'PLAN_BUDGET_EXCEEDED when the approved budget would be overrun' })
  spend(@Param() p: PlanParam, @Body() body: RecordSpendRequest, @Ctx() ctx: RequestContext) {
    return this.plans.spend(p.planId, body, ctx);
  }

  @Get(':planId')
  @Roles('hr', 'manager', 'executive', 'analyst')
  async get(@Param() p: PlanParam) {
    const { state, version } = await this.store.aggregate(planStream(p.planId), planDecider);
    if (state.status === 'new') throw new PlanNotFound(p.planId);
    return { ...state, streamVersion: version };
  }
}
