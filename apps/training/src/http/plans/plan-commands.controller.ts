import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Roles, Scope } from '@tpm/auth';
import { PlanCommandHandler } from '@tpm/training-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { PlanParam } from '../dto/ids.dto';
import { DraftPlanRequest, RecordSpendRequest, RevisePlanRequest } from '../dto/plan.dto';
import { planScope } from '../scope/plan-unit.resolver';

/** Step 2, the plan per unit and period: drafted and revised by HR and managers, approved by executives or HR. */
@ApiTags('training: plans')
@Controller('training/plans')
export class PlanCommandsController {
  constructor(private readonly plans: PlanCommandHandler) {}

  @Post()
  @Roles('hr', 'manager', 'admin')
  @RecordScope(Scope.unit(body('businessUnitId'), 'write'))
  @ApiConflictResponse({ type: ApiError })
  draft(@Body() body: DraftPlanRequest, @Ctx() ctx: RequestContext) {
    return this.plans.draft(body, ctx);
  }

  @Post(':planId/submit')
  @HttpCode(200)
  @Roles('hr', 'manager', 'admin')
  @RecordScope(planScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError })
  submit(@Param() p: PlanParam, @Ctx() ctx: RequestContext) {
    return this.plans.submit(p.planId, ctx);
  }

  @Post(':planId/approve')
  @HttpCode(200)
  @Roles('executive', 'hr')
  // Executives hold read scope over their units; approving their units' plans is their role.
  @RecordScope(planScope('own-work'))
  @ApiUnprocessableEntityResponse({ type: ApiError })
  approve(@Param() p: PlanParam, @Ctx() ctx: RequestContext) {
    return this.plans.approve(p.planId, ctx);
  }

  @Post(':planId/revisions')
  @HttpCode(200)
  @Roles('hr', 'manager', 'admin')
  @RecordScope(planScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError })
  revise(@Param() p: PlanParam, @Body() body: RevisePlanRequest, @Ctx() ctx: RequestContext) {
    return this.plans.revise(p.planId, body, ctx);
  }

  @Post(':planId/spend')
  @HttpCode(200)
  @Roles('hr', 'admin')
  @RecordScope(planScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'PLAN_BUDGET_EXCEEDED when the approved budget would be overrun' })
  spend(@Param() p: PlanParam, @Body() body: RecordSpendRequest, @Ctx() ctx: RequestContext) {
    return this.plans.spend(p.planId, body, ctx);
  }
}
