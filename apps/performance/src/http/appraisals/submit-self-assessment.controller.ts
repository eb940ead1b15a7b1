import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { SubmitSelfAssessmentHandler } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { SelfAssessmentRequest } from '../dto/appraisal.dto';
import { AppraisalParam } from '../dto/performance-ids.dto';
import { employeeNumbered } from '../employee-number.scope';
import { APPRAISAL_PATH, appraisalTarget } from './appraisal-target';

@ApiTags('appraisals')
@ApiBearerAuth()
@Controller(`${APPRAISAL_PATH}/self-assessment`)
export class SubmitSelfAssessmentController {
  constructor(private readonly selfAssess: SubmitSelfAssessmentHandler) {}

  @Post()
  @Roles('employee', 'admin')
  @RecordScope(employeeNumbered('write'))
  @ApiCreatedResponse({ description: 'Self-assessment recorded' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Not the employee, not in review, or already submitted' })
  self(@Param() p: AppraisalParam, @Body() body: SelfAssessmentRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.selfAssess.handle({ ...appraisalTarget(p, caller), comment: body.comment, ratings: (body.ratings ?? []).map(({ competency, rating }) => ({ competency, rating })) }, ctx);
  }
}
