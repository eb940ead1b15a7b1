import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { PlanCommandHandler, planStream } from '@tpm/training-application';
import { planDecider, PlanNotFound } from '@tpm/training-domain';
import { ApiError, Ctx, EVENT_STORE, type RequestContext } from '@tpm/service-kit';
import { PlanParam } from './dto/ids.dto';
import { TrainingScope } from './training-scope';
import { DraftPlanRequest, RecordSpendRequest, RevisePlanRequest } from './dto/plan.dto';

/** Step 2, the plan per unit and period: drafted and revised by HR and managers, approved by executives or HR. */
@ApiTags('training: plans')
@Controller('training/plans')
export class PlansController {
  constructor(
    private readonly plans: PlanCommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scope: TrainingScope,
  ) {}

  @Post()
  @Roles('hr', 'manager', 'admin')
  @ApiConflictResponse({ type: ApiError })
  async draft(@Body() body: DraftPlanRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.policy.assertBusinessUnit(caller, body.businessUnitId, 'write');
    return this.plans.draft(body, ctx);
  }

  @Post(':planId/submit')
  @HttpCode(200)
  @Roles('hr', 'manager', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  async submit(@Param() p: PlanParam, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.plan(caller, p.planId, 'write');
    return this.plans.submit(p.planId, ctx);
  }

  @Post(':planId/approve')
  @HttpCode(200)
  @Roles('executive', 'hr')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  async approve(@Param() p: PlanParam, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    // Executives hold read scope over their units; approving their units' plans is their role.
    await this.scope.plan(caller, p.planId, this.scope.modeFor(caller));
    return this.plans.approve(p.planId, ctx);
  }

  @Post(':planId/revisions')
  @HttpCode(200)
  @Roles('hr', 'manager', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  async revise(@Param() p: PlanParam, @Body() body: RevisePlanRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.plan(caller, p.planId, 'write');
    return this.plans.revise(p.planId, body, ctx);
  }

  @Post(':planId/spend')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'PLAN_BUDGET_EXCEEDED when the approved budget would be overrun' })
  async spend(@Param() p: PlanParam, @Body() body: RecordSpendRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.plan(caller, p.planId, 'write');
    return this.plans.spend(p.planId, body, ctx);
  }

  @Get(':planId')
  @Roles('hr', 'manager', 'executive', 'analyst', 'admin')
  async get(@Param() p: PlanParam, @Caller() caller: Actor) {
    await this.scope.plan(caller, p.planId, 'read');
    const { state, version } = await this.store.aggregate(planStream(p.planId), planDecider);
    if (state.status === 'new') throw new PlanNotFound(p.planId);
    return { ...state, streamVersion: version };
  }
}
