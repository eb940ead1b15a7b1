import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Caller, query, ReadableUnits, Roles, Scope } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { ImprovementPlanHandler, improvementPlanStream } from '@tpm/coaching-application';
import { CoachingQueries } from '@tpm/coaching-infrastructure';
import { AggregateETag, ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ClosePlanRequest, ExtendPlanRequest, OpenPlanRequest, PlanActionRequest, PlansQuery, ProgressCheckRequest } from '../dto/coaching.dto';
import { AsOfQuery, PlanActionParam, PlanParam } from '../dto/ids.dto';
import { CoachingViews } from '../coaching-views.query';
import { planScope } from '../scope/coaching-units.resolver';

/**
 * The performance improvement plan: opened by a manager (or by a low appraisal), actions with due
 * dates and support, HR approval to start, progress checks, extension (capped), closed with an outcome.
 */
@ApiTags('coaching: improvement plans')
@ApiBearerAuth()
@Controller('coaching/improvement-plans')
export class ImprovementPlanCommandsController {
  constructor(private readonly plans: ImprovementPlanHandler) {}

  @Post()
  @Roles('manager', 'hr', 'admin')
  @RecordScope(Scope.employee(body('employeeId'), 'write'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'IMPROVEMENT_PLAN_ENDS_BEFORE_IT_STARTS' })
  open(@Body() b: OpenPlanRequest, @Ctx() ctx: RequestContext) {
    return this.plans.open({ ...b, appraisalId: b.appraisalId ?? null }, ctx);
  }

  @Post(':planId/actions')
  @Roles('manager', 'hr', 'admin')
  @RecordScope(planScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'PLAN_ACTION_DUE_AFTER_PLAN_ENDS' })
  addAction(@Param() p: PlanParam, @Body() b: PlanActionRequest, @Ctx() ctx: RequestContext) {
    return this.plans.addAction(p.planId, b, ctx);
  }

  @Post(':planId/actions/:actionId/completion')
  @HttpCode(200)
  @Roles('manager', 'hr', 'admin')
  @RecordScope(planScope('write'))
  completeAction(@Param() p: PlanActionParam, @Ctx() ctx: RequestContext) {
    return this.plans.completeAction(p.planId, p.actionId, { kind: 'manual', ref: null }, ctx);
  }

  @Post(':planId/approval')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @RecordScope(planScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'IMPROVEMENT_PLAN_HAS_NO_ACTIONS' })
  approve(@Param() p: PlanParam, @Ctx() ctx: RequestContext) {
    return this.plans.approve(p.planId, ctx);
  }

  @Post(':planId/progress-checks')
  @Roles('manager', 'hr', 'admin')
  @RecordScope(planScope('write'))
  check(@Param() p: PlanParam, @Body() b: ProgressCheckRequest, @Ctx() ctx: RequestContext) {
    return this.plans.checkProgress(p.planId, b, ctx);
  }

  @Post(':planId/extension')
  @HttpCode(200)
  @Roles('manager', 'hr', 'admin')
  @RecordScope(planScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'IMPROVEMENT_PLAN_EXTENSION_LIMIT' })
  extend(@Param() p: PlanParam, @Body() b: ExtendPlanRequest, @Ctx() ctx: RequestContext) {
    return this.plans.extend(p.planId, b, ctx);
  }

  @Post(':planId/closure')
  @HttpCode(200)
  @Roles('manager', 'hr', 'admin')
  @RecordScope(planScope('write'))
  close(@Param() p: PlanParam, @Body() b: ClosePlanRequest, @Ctx() ctx: RequestContext) {
    return this.plans.close(p.planId, b.outcome, ctx);
  }
}

/** The employee acknowledges their own plan; nobody acknowledges for them. */
@ApiTags('coaching: improvement plans')
@ApiBearerAuth()
@Controller('coaching/improvement-plans/:planId')
export class PlanAcknowledgementController {
  constructor(
    private readonly plans: ImprovementPlanHandler,
    private readonly views: CoachingViews,
  ) {}

  @Post('acknowledgement')
  @HttpCode(200)
  @Roles('employee')
  @RecordScope(planScope('read', 'employee'))
  async acknowledge(@Param() p: PlanParam, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.views.assertCoacheeOrScope('plan', p.planId, caller);
    return this.plans.acknowledge(p.planId, caller.employeeId ?? '', ctx);
  }
}

@ApiTags('coaching: improvement plans')
@ApiBearerAuth()
@Controller('coaching/improvement-plans')
export class ImprovementPlansController {
  constructor(private readonly queries: CoachingQueries) {}

  @Get()
  @Roles('manager', 'hr', 'auditor', 'admin')
  @RecordScope(Scope.unit(query('businessUnitId'), 'read', { absent: 'skip' }))
  list(@Query() q: PlansQuery, @ReadableUnits() readable: string[] | null) {
    return this.queries.improvementPlans({ businessUnitIds: q.businessUnitId ? [q.businessUnitId] : readable, employeeId: q.employeeId, status: q.status });
  }
}

@ApiTags('coaching: improvement plans')
@ApiBearerAuth()
@Controller('coaching/improvement-plans')
export class ImprovementPlanController {
  constructor(private readonly views: CoachingViews) {}

  @Get(':planId')
  @Roles('employee', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(planScope('read', 'employee'))
  @AggregateETag((p) => improvementPlanStream(p.planId))
  @ApiOkResponse({ description: 'The plan, its actions, checks, training evidence and state, optionally as of an instant' })
  get(@Param() p: PlanParam, @Query() q: AsOfQuery, @Caller() caller: Actor) {
    return this.views.improvementPlan(p.planId, caller, q.asOf);
  }
}
