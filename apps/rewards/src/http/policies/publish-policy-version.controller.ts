import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { PublishPolicyVersionHandler } from '@tpm/rewards-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { PolicyParam } from '../dto/ids.dto';
import { PublishPolicyVersionRequest } from '../dto/policy.dto';
import { policyScope } from '../scope/record-units.resolver';

/** A policy in force is never edited: a change is a new version from a date. */
@ApiTags('rewards: policies')
@Controller('rewards/policies/:policyId/versions')
export class PublishPolicyVersionController {
  constructor(private readonly publish: PublishPolicyVersionHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @RecordScope(policyScope('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'POLICY_VERSION_MUST_START_LATER, POLICY_INVALID' })
  create(@Param() p: PolicyParam, @Body() b: PublishPolicyVersionRequest, @Ctx() ctx: RequestContext) {
    return this.publish.handle({ policyId: p.policyId, ...b }, ctx);
  }
}
