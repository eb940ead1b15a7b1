import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { AssignObjectiveHandler, employeeIdFor } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ScorecardParam } from '../dto/performance-ids.dto';
import { AssignObjectiveRequest } from '../dto/scorecard.dto';
import { employeeNumbered } from '../employee-number.scope';

/**
 * One employee's scorecard for a period: objectives, weights, indicators, monthly progress.
 * Access: the employee's own, or managers and HR whose units hold the employee.
 */
@ApiTags('scorecards')
@ApiBearerAuth()
@Controller('scorecards/:employeeNumber/:period/objectives')
export class AssignObjectiveController {
  constructor(private readonly assign: AssignObjectiveHandler) {}

  @Post()
  @Roles('manager', 'hr', 'admin')
  @RecordScope(employeeNumbered('write'))
  @ApiCreatedResponse({ description: 'Objective assigned' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Weights above 100, unknown goal, goal of another period or of a unit outside the employee, scorecard frozen by review' })
  @ApiConflictResponse({ type: ApiError, description: 'Someone changed this scorecard at the same time' })
  addObjective(@Param() p: ScorecardParam, @Body() body: AssignObjectiveRequest, @Ctx() ctx: RequestContext) {
    return this.assign.handle({ ...body, employeeId: employeeIdFor(p.employeeNumber), period: p.period, parentGoalId: body.parentGoalId ?? null }, ctx);
  }
}
