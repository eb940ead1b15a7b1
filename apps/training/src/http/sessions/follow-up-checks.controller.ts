import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { param, Roles, Scope } from '@tpm/auth';
import { FollowUpHandler } from '@tpm/training-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { SessionEmployeeParam } from '../dto/ids.dto';
import { FollowUpCheckRequest } from '../dto/session.dto';

@ApiTags('training: follow-ups')
@Controller('training/follow-ups/:sessionId/:employeeId/checks')
export class FollowUpChecksController {
  constructor(private readonly followUps: FollowUpHandler) {}

  @Post()
  @Roles('manager', 'coach', 'admin')
  @RecordScope(Scope.employee(param('employeeId'), 'own-work'))
  @ApiUnprocessableEntityResponse({ type: ApiError })
  check(@Param() p: SessionEmployeeParam, @Body() body: FollowUpCheckRequest, @Ctx() ctx: RequestContext) {
    return this.followUps.record({ ...p, ...body }, ctx);
  }
}
