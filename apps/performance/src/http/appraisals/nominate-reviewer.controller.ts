import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { employeeIdFor, NominateReviewerHandler } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { AppraisalParam } from '../dto/performance-ids.dto';
import { employeeNumbered } from '../employee-number.scope';
import { APPRAISAL_PATH, appraisalTarget } from './appraisal-target';
import { NominationRequest } from './feedback.dto';

/** The reviewee (own record) or a manager over them puts a 360 reviewer forward; that it is *their* manager is the domain's rule. */
@ApiTags('appraisals')
@ApiBearerAuth()
@Controller(`${APPRAISAL_PATH}/reviewers`)
export class NominateReviewerController {
  constructor(private readonly nominate: NominateReviewerHandler) {}

  @Post()
  @Roles('employee', 'manager')
  @RecordScope(employeeNumbered('write'))
  @ApiCreatedResponse({ description: 'Reviewer nominated (appended 0 when already nominated)' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Not the reviewee or their manager, the reviewee themselves, or review is over' })
  post(@Param() p: AppraisalParam, @Body() body: NominationRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.nominate.handle({ ...appraisalTarget(p, caller), reviewerId: employeeIdFor(body.reviewerEmployeeNumber) }, ctx);
  }
}
