import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { DelegateAssessmentHandler, employeeIdFor } from '@tpm/performance-application';
import { Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { DelegateAssessmentRequest } from '../dto/appraisal.dto';
import { AppraisalParam } from '../dto/performance-ids.dto';
import { employeeNumbered } from '../employee-number.scope';
import { APPRAISAL_PATH, appraisalTarget } from './appraisal-target';

@ApiTags('appraisals')
@ApiBearerAuth()
@Controller(`${APPRAISAL_PATH}/delegation`)
export class DelegateAssessmentController {
  constructor(private readonly delegateTo: DelegateAssessmentHandler) {}

  @Post()
  @Roles('manager', 'hr', 'admin')
  @RecordScope(employeeNumbered('write'))
  @ApiCreatedResponse({ description: 'Assessment delegated' })
  delegate(@Param() p: AppraisalParam, @Body() body: DelegateAssessmentRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.delegateTo.handle({ ...appraisalTarget(p, caller), delegateId: employeeIdFor(body.delegateEmployeeNumber) }, ctx);
  }
}
