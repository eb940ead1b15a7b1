import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { SubmitManagerAssessmentHandler } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ManagerAssessmentRequest } from '../dto/appraisal.dto';
import { AppraisalParam } from '../dto/performance-ids.dto';
import { employeeNumbered } from '../employee-number.scope';
import { APPRAISAL_PATH, appraisalTarget } from './appraisal-target';

@ApiTags('appraisals')
@ApiBearerAuth()
@Controller(`${APPRAISAL_PATH}/manager-assessment`)
export class SubmitManagerAssessmentController {
  constructor(private readonly assess: SubmitManagerAssessmentHandler) {}

  @Post()
  @Roles('manager', 'admin')
  @RecordScope(employeeNumbered('write'))
  @ApiCreatedResponse({ description: 'Assessment recorded with each indicator score and its provenance' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Not the manager or delegate, score outside scale, scorecard not ready' })
  @ApiConflictResponse({ type: ApiError, description: 'Someone changed this appraisal at the same time' })
  manager(@Param() p: AppraisalParam, @Body() body: ManagerAssessmentRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    return this.assess.handle(
      {
        ...appraisalTarget(p, caller),
        results: body.results.map(({ indicatorId, actual }) => ({ indicatorId, actual })),
        competencies: body.competencies.map(({ competency, rating, requiredLevel }) => ({ competency, rating, requiredLevel })),
        potential: body.potential,
        comment: body.comment,
      },
      ctx,
    );
  }
}
