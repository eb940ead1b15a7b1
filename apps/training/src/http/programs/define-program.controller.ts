import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { DefineProgramHandler } from '@tpm/training-application';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import { DefineProgramRequest } from '../dto/program.dto';

/** Step 3 (methods), 6 (evaluation shown per program, L1-L4) and 8 (continuous improvement). */
@ApiTags('training: programs')
@Controller('training/programs')
export class DefineProgramController {
  constructor(private readonly define: DefineProgramHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  create(@Body() body: DefineProgramRequest, @Ctx() ctx: RequestContext) {
    return this.define.handle(body, ctx);
  }
}
