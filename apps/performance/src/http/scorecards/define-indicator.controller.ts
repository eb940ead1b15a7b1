import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { DefineIndicatorHandler, employeeIdFor } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ObjectiveParam } from '../dto/performance-ids.dto';
import { DefineIndicatorRequest, toScoringMethod } from '../dto/scorecard.dto';
import { employeeNumbered } from '../employee-number.scope';

@ApiTags('scorecards')
@ApiBearerAuth()
@Controller('scorecards/:employeeNumber/:period/objectives/:objectiveId/indicators')
export class DefineIndicatorController {
  constructor(private readonly define: DefineIndicatorHandler) {}

  @Post()
  @Roles('manager', 'hr', 'admin')
  @RecordScope(employeeNumbered('write'))
  @ApiCreatedResponse({ description: 'Indicator defined with its target, unit and scoring method' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Scorecard frozen: the cycle has reached review' })
  @ApiConflictResponse({ type: ApiError })
  addIndicator(@Param() p: ObjectiveParam, @Body() body: DefineIndicatorRequest, @Ctx() ctx: RequestContext) {
    return this.define.handle({ ...body, method: toScoringMethod(body.method), employeeId: employeeIdFor(p.employeeNumber), period: p.period, objectiveId: p.objectiveId }, ctx);
  }
}
