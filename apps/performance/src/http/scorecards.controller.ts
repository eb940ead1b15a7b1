import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ACCESS_POLICY, Caller, Roles, type AccessMode, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
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

/**
 * One employee's scorecard for a period: objectives, weights, indicators, monthly progress.
 * Access: the employee's own, or managers and HR whose units hold the employee.
 */
@ApiTags('scorecards')
@ApiBearerAuth()
@Controller('scorecards/:employeeNumber/:period')
export class ScorecardsController {
  constructor(
    private readonly assign: AssignObjectiveHandler,
    private readonly define: DefineIndicatorHandler,
    private readonly adjust: AdjustObjectiveWeightsHandler,
    private readonly report: ReportProgressHandler,
    private readonly queries: AppraisalQueries,
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
  ) {}

  private async employee(caller: Actor, employeeNumber: string, mode: AccessMode): Promise<string> {
    const employeeId = employeeIdFor(employeeNumber);
    await this.access.assertEmployee(caller, employeeId, mode);
    return employeeId;
  }

  @Post('objectives')
  @Roles('manager', 'hr', 'admin')
  @ApiCreatedResponse({ description: 'Objective assigned' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Weights above 100, unknown goal, goal of another period or of a unit outside the employee, scorecard frozen by review' })
  @ApiConflictResponse({ type: ApiError, description: 'Someone changed this scorecard at the same time' })
  async addObjective(@Param() p: ScorecardParam, @Body() body: AssignObjectiveRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    const employeeId = await this.employee(caller, p.employeeNumber, 'write');
    return this.assign.handle({ ...body, employeeId, period: p.period, parentGoalId: body.parentGoalId ?? null }, ctx);
  }

  @Post('objectives/:objectiveId/indicators')
  @Roles('manager', 'hr', 'admin')
  @ApiCreatedResponse({ description: 'Indicator defined with its target, unit and scoring method' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Scorecard frozen: the cycle has reached review' })
  @ApiConflictResponse({ type: ApiError })
  async addIndicator(@Param() p: ObjectiveParam, @Body() body: DefineIndicatorRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    const employeeId = await this.employee(caller, p.employeeNumber, 'write');
    return this.define.handle({ ...body, method: toScoringMethod(body.method), employeeId, period: p.period, objectiveId: p.objectiveId }, ctx);
  }

  @Post('weights')
  @HttpCode(200)
  @Roles('manager', 'hr', 'admin')
  @ApiOkResponse({ description: 'Weights adjusted; they name every objective and sum to 100' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Weights not summing to 100; scorecard frozen: the cycle has reached review' })
  @ApiConflictResponse({ type: ApiError })
  async reweigh(@Param() p: ScorecardParam, @Body() body: AdjustWeightsRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    const employeeId = await this.employee(caller, p.employeeNumber, 'write');
    return this.adjust.handle({ employeeId, period: p.period, weights: body.weights.map(({ objectiveId, weight }) => ({ objectiveId, weight })) }, ctx);
  }

  @Post('objectives/:objectiveId/progress')
  @Roles('employee', 'manager', 'admin')
  @ApiCreatedResponse({ description: 'Monthly progress reported' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Month outside the period; the cycle is closed' })
  async progress(@Param() p: ObjectiveParam, @Body() body: ReportProgressRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    const employeeId = await this.employee(caller, p.employeeNumber, 'write');
    return this.report.handle({ ...body, actingEmployeeId: caller.employeeId ?? null, employeeId, period: p.period, objectiveId: p.objectiveId }, ctx);
  }

  @Get()
  @Roles('employee', 'manager', 'hr', 'auditor', 'admin')
  @ApiOkResponse({ description: 'The scorecard with competency evidence, optionally as of an instant' })
  async get(@Param() p: ScorecardParam, @Query() q: AsOfQuery, @Caller() caller: Actor) {
    return this.queries.scorecard(await this.employee(caller, p.employeeNumber, 'read'), p.period, q.asOf);
  }
}
