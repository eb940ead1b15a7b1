import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { ReviseProgramHandler } from '@tpm/training-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ProgramParam } from '../dto/ids.dto';
import { programScope } from '../scope/program-unit.resolver';
import { ReviseProgramRequest } from '../dto/program.dto';

@ApiTags('training: programs')
@Controller('training/programs/:programId/revisions')
export class ReviseProgramController {
  constructor(private readonly revise: ReviseProgramHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('hr', 'admin')
  @RecordScope(programScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError })
  newVersion(@Param() p: ProgramParam, @Body() body: ReviseProgramRequest, @Ctx() ctx: RequestContext) {
    return this.revise.handle({ programId: p.programId, changes: body.changes, reviewId: null }, ctx);
  }
}
