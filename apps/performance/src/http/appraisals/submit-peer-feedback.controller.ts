import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { SubmitPeerFeedbackHandler } from '@tpm/performance-application';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import { AppraisalParam } from '../dto/performance-ids.dto';
import { APPRAISAL_PATH, appraisalTarget } from './appraisal-target';
import { NamedFeedbackRequest } from './feedback.dto';

/**
 * Named 360 feedback comes from colleagues anywhere: no unit scope on writing it (who may give it is
 * the domain's rule: nominated and approved reviewers, or the reviewee's reports); nobody outside
 * scope reads it.
 */
@ApiTags('appraisals')
@ApiBearerAuth()
@Controller(`${APPRAISAL_PATH}/feedback`)
export class SubmitPeerFeedbackController {
  constructor(private readonly feedback: SubmitPeerFeedbackHandler) {}

  @Post()
  @Roles('employee', 'manager', 'admin')
  @ApiCreatedResponse({ description: 'Named 360 feedback recorded' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Not an approved nominee (peer), not a direct report (upward), already given, or not in review' })
  async peer(@Param() p: AppraisalParam, @Body() body: NamedFeedbackRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    const { anonymous: _named, ...feedback } = body;
    const result = await this.feedback.handle({ ...appraisalTarget(p, caller), ...feedback }, ctx);
    return { appended: result.appended };
  }
}
