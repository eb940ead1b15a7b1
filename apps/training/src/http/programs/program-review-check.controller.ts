import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ProgramParam } from '../dto/ids.dto';
import { programScope } from '../scope/program-unit.resolver';
import { ProgramReviewCheck } from './program-review-check';

@ApiTags('training: programs')
@Controller('training/programs/:programId/review-check')
export class ProgramReviewCheckController {
  constructor(private readonly reviewCheck: ProgramReviewCheck) {}

  @Post()
  @HttpCode(200)
  @Roles('hr', 'admin')
  @RecordScope(programScope('write'))
  @ApiOkResponse({ description: 'Flags the program for review when an evaluation level is below its threshold' })
  check(@Param() p: ProgramParam, @Ctx() ctx: RequestContext) {
    return this.reviewCheck.handle(p.programId, ctx);
  }
}
