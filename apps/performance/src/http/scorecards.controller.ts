import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import {
  AdjustObjectiveWeightsHandler,
  AppraisalQueries,
  AssignObjectiveHandler,
  DefineIndicatorHandler,
  employeeIdFor,
  ReportProgressHandler,
} from '@tpm/performance-application';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import { AsOfQuery } from './dto/employee.dto';
import { ObjectiveParam, ScorecardParam } from './dto/performance-ids.dto';
import { AdjustWeightsRequest, AssignObjectiveRequest, DefineIndicatorRequest, ReportProgressRequest, toScoringMethod } from './dto/scorecard.dto';

/** One employee's scorecard for a period: objectives, weights, indicators, monthly progress. */
@ApiTags('scorecards')
@Controller('scorecards/:employeeNumber/:period')
export class ScorecardsController {
  constructor(
    private readonly assign: AssignObjectiveHandler,
    private readonly define: DefineIndicatorHandler,
    private readonly adjust: AdjustObjectiveWeightsHandler,
    private readonly report: ReportProgressHandler,
    private readonly queries: AppraisalQueries,
  ) {}

  @Post('objectives')
  @Roles('manager', 'hr')
  @ApiCreatedResponse({ description: 'Objective assigned' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Weights above 100, unknown goal, goal of another period' })
  @ApiConflictResponse({ type: ApiError, description: 'Someone changed this scorecard at the same time' })
  addObjective(@Param() p: ScorecardParam, @Body() body: AssignObjectiveRequest, @Ctx() ctx: RequestContext) {
    return this.assign.handle({ ...body, employeeId: employeeIdFor(p.employeeNumber), period: p.period, parentGoalId: body.parentGoalId ?? null }, ctx);
  }

  @Post('objectives/:objectiveId/indicators')
  @Roles('manager', 'hr')
  @ApiCreatedResponse({ description: 'Indicator defined with its target, unit and scoring method' })
  @ApiConflictResponse({ type: ApiError })
  addIndicator(@Param() p: ObjectiveParam, @Body() body: DefineIndicatorRequest, @Ctx() ctx: RequestContext) {
    return this.define.handle({ ...body, method: toScoringMethod(body.method), employeeId: employeeIdFor(p.employeeNumber), period: p.period, objectiveId: p.objectiveId }, ctx);
  }

  @Post('weights')
  @HttpCode(200)
  @Roles('manager', 'hr')
  @ApiOkResponse({ description: 'Weights adjusted; they name every objective and sum to 100' })
  @ApiConflictResponse({ type: ApiError })
  reweigh(@Param() p: ScorecardParam, @Body() body: AdjustWeightsRequest, @Ctx() ctx: RequestContext) {
    return this.adjust.handle({ employeeId: employeeIdFor(p.employeeNumber), period: p.period, weights: body.weights.map(({ objectiveId, weight }) => ({ objectiveId, weight })) }, ctx);
  }

  @Post('objectives/:objectiveId/progress')
  @Roles('employee', 'manager')
  @ApiCreatedResponse({ description: 'Monthly progress reported' })
  progress(@Param() p: ObjectiveParam, @Body() body: ReportProgressRequest, @Ctx() ctx: RequestContext) {
    return this.report.handle({ ...body, actingEmployeeId: ctx.actor.employeeId ?? null, employeeId: employeeIdFor(p.employeeNumber), period: p.period, objectiveId: p.objectiveId }, ctx);
  }

  @Get()
  @Roles('employee', 'manager', 'hr', 'executive', 'analyst', 'auditor')
  @ApiOkResponse({ description: 'The scorecard with competency evidence, optionally as of an instant' })
  get(@Param() p: ScorecardParam, @Query() q: AsOfQuery) {
    return this.queries.scorecard(employeeIdFor(p.employeeNumber), p.period, q.asOf);
  }
}
