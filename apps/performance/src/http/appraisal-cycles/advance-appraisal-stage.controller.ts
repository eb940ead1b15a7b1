import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { AdvanceAppraisalStageHandler } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { AdvanceStageRequest } from '../dto/appraisal-cycle.dto';
import { CycleParam } from '../dto/performance-ids.dto';
import { cycleScope } from './cycle-unit.resolver';

@ApiTags('appraisal cycles')
@ApiBearerAuth()
@Controller('appraisal-cycles/:cycleId/stage')
export class AdvanceAppraisalStageController {
  constructor(private readonly advance: AdvanceAppraisalStageHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('hr', 'admin')
  @RecordScope(cycleScope('write'))
  @ApiOkResponse({ description: 'Advanced to the next stage (appended 0 when already there)' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Going back, skipping a stage, or a closed cycle' })
  @ApiConflictResponse({ type: ApiError })
  stage(@Param() p: CycleParam, @Body() body: AdvanceStageRequest, @Ctx() ctx: RequestContext) {
    return this.advance.handle({ cycleId: p.cycleId, to: body.to }, ctx);
  }
}
