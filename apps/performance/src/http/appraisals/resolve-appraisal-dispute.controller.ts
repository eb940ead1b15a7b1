import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { ResolveAppraisalDisputeHandler } from '@tpm/performance-application';
import { Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ResolveDisputeRequest } from '../dto/appraisal.dto';
import { AppraisalParam } from '../dto/performance-ids.dto';
import { employeeNumbered } from '../employee-number.scope';
import { APPRAISAL_PATH, appraisalTarget } from './appraisal-target';

@ApiTags('appraisals')
@ApiBearerAuth()
@Controller(`${APPRAISAL_PATH}/dispute/resolution`)
export class ResolveAppraisalDisputeController {
  constructor(private readonly resolve: ResolveAppraisalDisputeHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('hr', 'admin')
  @RecordScope(employeeNumbered('write'))
  @ApiOkResponse({ description: 'HR upholds or amends the disputed appraisal' })
  resolution(@Param() p: AppraisalParam, @Body() body: ResolveDisputeRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.resolve.handle({ ...appraisalTarget(p, caller), resolution: body.resolution, toBand: body.toBand ?? null, note: body.note }, ctx);
  }
}
