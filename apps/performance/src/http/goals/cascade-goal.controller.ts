import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Roles, Scope } from '@tpm/auth';
import { CascadeGoalHandler } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { CascadeGoalRequest } from '../dto/goal.dto';
import { GoalParam } from '../dto/performance-ids.dto';

/** Cascading writes into a unit: write scope on it. */
@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals/:goalId/cascades')
export class CascadeGoalController {
  constructor(private readonly cascadeGoal: CascadeGoalHandler) {}

  @Post()
  @Roles('hr', 'manager', 'admin')
  @RecordScope(Scope.unit(body('businessUnitId'), 'write'))
  @ApiCreatedResponse({ description: 'A business-unit goal cascaded from this one' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Unknown parent goal or business unit; unit outside the parent goal unit subtree' })
  cascade(@Param() p: GoalParam, @Body() body: CascadeGoalRequest, @Ctx() ctx: RequestContext) {
    return this.cascadeGoal.handle({ ...body, parentGoalId: p.goalId }, ctx);
  }
}
