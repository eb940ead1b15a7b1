import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { AppraisalQueries, CascadeGoalHandler, SetStrategicGoalHandler } from '@tpm/performance-application';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import { AsOfQuery } from './dto/employee.dto';
import { CascadeGoalRequest, SetStrategicGoalRequest } from './dto/goal.dto';
import { GoalParam, PeriodQuery } from './dto/performance-ids.dto';

/** Strategic goals, their cascade to business units, and the alignment tree down to objectives. */
@ApiTags('goals')
@Controller('goals')
export class GoalsController {
  constructor(
    private readonly setGoal: SetStrategicGoalHandler,
    private readonly cascadeGoal: CascadeGoalHandler,
    private readonly queries: AppraisalQueries,
  ) {}

  @Post()
  @Roles('executive')
  @ApiCreatedResponse({ description: 'Strategic goal set (appended 0 when set identically before)' })
  @ApiConflictResponse({ type: ApiError })
  create(@Body() body: SetStrategicGoalRequest, @Ctx() ctx: RequestContext) {
    return this.setGoal.handle(body, ctx);
  }

  @Post(':goalId/cascades')
  @Roles('executive', 'hr', 'manager')
  @ApiCreatedResponse({ description: 'A business-unit goal cascaded from this one' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Unknown parent goal or business unit' })
  cascade(@Param() p: GoalParam, @Body() body: CascadeGoalRequest, @Ctx() ctx: RequestContext) {
    return this.cascadeGoal.handle({ ...body, parentGoalId: p.goalId }, ctx);
  }

  @Get('alignment')
  @Roles('executive', 'hr', 'manager', 'analyst', 'auditor')
  @ApiOkResponse({ description: 'Strategic goals -> unit goals -> employee objectives, with orphan objectives apart' })
  alignment(@Query() q: PeriodQuery) {
    return this.queries.alignment(q.period);
  }

  @Get(':goalId')
  @Roles('executive', 'hr', 'manager', 'employee', 'analyst', 'auditor')
  @ApiOkResponse({ description: 'The goal, optionally as of an instant' })
  @ApiNotFoundResponse({ type: ApiError })
  get(@Param() p: GoalParam, @Query() q: AsOfQuery) {
    return this.queries.goal(p.goalId, q.asOf);
  }
}
