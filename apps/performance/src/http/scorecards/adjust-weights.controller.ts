import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { AdjustObjectiveWeightsHandler, employeeIdFor } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ScorecardParam } from '../dto/performance-ids.dto';
import { AdjustWeightsRequest } from '../dto/scorecard.dto';
import { employeeNumbered } from '../employee-number.scope';

@ApiTags('scorecards')
@ApiBearerAuth()
@Controller('scorecards/:employeeNumber/:period/weights')
export class AdjustWeightsController {
  constructor(private readonly adjust: AdjustObjectiveWeightsHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('manager', 'hr', 'admin')
  @RecordScope(employeeNumbered('write'))
  @ApiOkResponse({ description: 'Weights adjusted; they name every objective and sum to 100' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Weights not summing to 100; scorecard frozen: the cycle has reached review' })
  @ApiConflictResponse({ type: ApiError })
  reweigh(@Param() p: ScorecardParam, @Body() body: AdjustWeightsRequest, @Ctx() ctx: RequestContext) {
    return this.adjust.handle({ employeeId: employeeIdFor(p.employeeNumber), period: p.period, weights: body.weights.map(({ objectiveId, weight }) => ({ objectiveId, weight })) }, ctx);
  }
}
