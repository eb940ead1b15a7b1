import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { employeeIdFor, ReportProgressHandler } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ObjectiveParam } from '../dto/performance-ids.dto';
import { ReportProgressRequest } from '../dto/scorecard.dto';
import { employeeNumbered } from '../employee-number.scope';

@ApiTags('scorecards')
@ApiBearerAuth()
@Controller('scorecards/:employeeNumber/:period/objectives/:objectiveId/progress')
export class ReportProgressController {
  constructor(private readonly report: ReportProgressHandler) {}

  @Post()
  @Roles('employee', 'manager', 'admin')
  @RecordScope(employeeNumbered('write'))
  @ApiCreatedResponse({ description: 'Monthly progress reported' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Month outside the period; the cycle is closed' })
  progress(@Param() p: ObjectiveParam, @Body() body: ReportProgressRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.report.handle({ ...body, actingEmployeeId: caller.employeeId ?? null, employeeId: employeeIdFor(p.employeeNumber), period: p.period, objectiveId: p.objectiveId }, ctx);
  }
}
