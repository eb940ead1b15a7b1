import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { RevokeRewardHandler } from '@tpm/rewards-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { GrantParam } from '../dto/ids.dto';
import { RevokeGrantRequest } from '../dto/proposal.dto';
import { grantScope } from '../scope/record-units.resolver';

@ApiTags('rewards: grants')
@Controller('rewards/grants/:grantId/revocations')
export class RevokeGrantController {
  constructor(private readonly handler: RevokeRewardHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @RecordScope(grantScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'GRANT_ALREADY_REVOKED' })
  create(@Param() p: GrantParam, @Body() b: RevokeGrantRequest, @Ctx() ctx: RequestContext) {
    return this.handler.handle({ grantId: p.grantId, ...b }, ctx);
  }
}
