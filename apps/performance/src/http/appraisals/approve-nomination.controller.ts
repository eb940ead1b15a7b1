import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { ApproveNominationHandler, employeeIdFor } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { employeeNumbered } from '../employee-number.scope';
import { APPRAISAL_PATH, appraisalTarget } from './appraisal-target';
import { NominationParam } from './feedback.dto';

/** The reviewee's manager or HR approves a nominee; only approved nominees may give peer feedback. */
@ApiTags('appraisals')
@ApiBearerAuth()
@Controller(`${APPRAISAL_PATH}/reviewers/:reviewerEmployeeNumber/approval`)
export class ApproveNominationController {
  constructor(private readonly approve: ApproveNominationHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('manager', 'hr')
  @RecordScope(employeeNumbered('write'))
  @ApiOkResponse({ description: 'Nomination approved (appended 0 when already approved)' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Not the manager or HR, no such nomination, or review is over' })
  post(@Param() p: NominationParam, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.approve.handle({ ...appraisalTarget(p, caller), reviewerId: employeeIdFor(p.reviewerEmployeeNumber) }, ctx);
  }
}
