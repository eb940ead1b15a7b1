import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { FinalizeCycleHandler } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { CycleParam } from '../dto/performance-ids.dto';
import { cycleScope } from './cycle-unit.resolver';

@ApiTags('appraisal cycles')
@ApiBearerAuth()
@Controller('appraisal-cycles/:cycleId/finalization')
export class FinalizeCycleController {
  constructor(private readonly finalize: FinalizeCycleHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('hr', 'admin')
  @RecordScope(cycleScope('write'))
  @ApiOkResponse({ description: 'Every assessed appraisal finalized; AppraisalFinalized published for each' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'No finalization before calibration' })
  finalization(@Param() p: CycleParam, @Ctx() ctx: RequestContext) {
    return this.finalize.handle({ cycleId: p.cycleId }, ctx);
  }
}
