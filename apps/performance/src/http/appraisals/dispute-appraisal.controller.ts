import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { DisputeAppraisalHandler } from '@tpm/performance-application';
import { Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { DisputeRequest } from '../dto/appraisal.dto';
import { AppraisalParam } from '../dto/performance-ids.dto';
import { employeeNumbered } from '../employee-number.scope';
import { APPRAISAL_PATH, appraisalTarget } from './appraisal-target';

@ApiTags('appraisals')
@ApiBearerAuth()
@Controller(`${APPRAISAL_PATH}/dispute`)
export class DisputeAppraisalController {
  constructor(private readonly disputeAppraisal: DisputeAppraisalHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('employee', 'admin')
  @RecordScope(employeeNumbered('write'))
  @ApiOkResponse({ description: 'The employee disputes the final appraisal' })
  dispute(@Param() p: AppraisalParam, @Body() body: DisputeRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.disputeAppraisal.handle({ ...appraisalTarget(p, caller), reason: body.reason }, ctx);
  }
}
