import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { EnrolCycleParticipantsHandler } from '@tpm/performance-application';
import { Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { CycleParam } from '../dto/performance-ids.dto';
import { cycleScope } from './cycle-unit.resolver';

@ApiTags('appraisal cycles')
@ApiBearerAuth()
@Controller('appraisal-cycles/:cycleId/participants')
export class EnrolCycleParticipantsController {
  constructor(private readonly enrol: EnrolCycleParticipantsHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('hr', 'admin')
  @RecordScope(cycleScope('write'))
  @ApiOkResponse({ description: 'Enrols the active employees of the scope not yet enrolled (idempotent)' })
  participants(@Param() p: CycleParam, @Ctx() ctx: RequestContext) {
    return this.enrol.handle({ cycleId: p.cycleId }, ctx);
  }
}
