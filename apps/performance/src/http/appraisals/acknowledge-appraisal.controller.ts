import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { AcknowledgeAppraisalHandler } from '@tpm/performance-application';
import { Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { AppraisalParam } from '../dto/performance-ids.dto';
import { employeeNumbered } from '../employee-number.scope';
import { APPRAISAL_PATH, appraisalTarget } from './appraisal-target';

@ApiTags('appraisals')
@ApiBearerAuth()
@Controller(`${APPRAISAL_PATH}/acknowledgement`)
export class AcknowledgeAppraisalController {
  constructor(private readonly acknowledge: AcknowledgeAppraisalHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('employee', 'admin')
  @RecordScope(employeeNumbered('write'))
  @ApiOkResponse({ description: 'The employee acknowledges the final appraisal' })
  ack(@Param() p: AppraisalParam, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.acknowledge.handle(appraisalTarget(p, caller), ctx);
  }
}
