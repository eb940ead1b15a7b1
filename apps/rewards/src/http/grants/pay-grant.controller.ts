import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { PayRewardHandler } from '@tpm/rewards-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { GrantParam } from '../dto/ids.dto';
import { PayGrantRequest } from '../dto/proposal.dto';
import { grantScope } from '../scope/record-units.resolver';

@ApiTags('rewards: grants')
@Controller('rewards/grants/:grantId/payments')
export class PayGrantController {
  constructor(private readonly handler: PayRewardHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @RecordScope(grantScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'GRANT_NOT_PAYABLE, PAYMENT_BEFORE_GRANT, PAYMENT_DATE_IN_FUTURE' })
  create(@Param() p: GrantParam, @Body() b: PayGrantRequest, @Ctx() ctx: RequestContext) {
    return this.handler.handle({ grantId: p.grantId, ...b }, ctx);
  }
}
