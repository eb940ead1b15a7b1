import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Roles, Scope } from '@tpm/auth';
import { DefineProgramHandler } from '@tpm/training-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { DefineProgramRequest } from '../dto/program.dto';

/** Step 3 (methods), 6 (evaluation shown per program, L1-L4) and 8 (continuous improvement). */
@ApiTags('training: programs')
@Controller('training/programs')
export class DefineProgramController {
  constructor(private readonly define: DefineProgramHandler) {}

  @Post()
  @Roles('hr', 'admin')
  // A unit's program is defined by its HR; the organization's (no unit) with scope over its root.
  @RecordScope(Scope.unit(body('businessUnitId'), 'write', { absent: 'organization-root' }))
  @ApiUnprocessableEntityResponse({ type: ApiError })
  create(@Body() body: DefineProgramRequest, @Ctx() ctx: RequestContext) {
    return this.define.handle({ ...body, businessUnitId: body.businessUnitId ?? null }, ctx);
  }
}
