import { Body, Controller, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Roles, Scope } from '@tpm/auth';
import { DefinePolicyHandler } from '@tpm/rewards-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { DefinePolicyRequest } from '../dto/policy.dto';

@ApiTags('rewards: policies')
@Controller('rewards/policies')
export class DefinePolicyController {
  constructor(private readonly define: DefinePolicyHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @RecordScope(Scope.unit(body('businessUnitId'), 'write'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'POLICY_INVALID, POLICY_ALREADY_DEFINED, POLICY_ALREADY_DEFINED_FOR_UNIT_AND_CYCLE' })
  create(@Body() b: DefinePolicyRequest, @Ctx() ctx: RequestContext) {
    return this.define.handle(b, ctx);
  }
}
