import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { SubmitPeerFeedbackHandler } from '@tpm/performance-application';
import { Ctx, type RequestContext } from '@tpm/service-kit';
import { PeerFeedbackRequest } from '../dto/appraisal.dto';
import { AppraisalParam } from '../dto/performance-ids.dto';
import { APPRAISAL_PATH, appraisalTarget } from './appraisal-target';

/**
 * 360 feedback comes from colleagues anywhere: no unit scope on writing it (who may give it is the
 * domain's rule: nominated and approved reviewers, or the reviewee's reports); nobody outside scope reads it.
 */
@ApiTags('appraisals')
@ApiBearerAuth()
@Controller(`${APPRAISAL_PATH}/feedback`)
export class SubmitPeerFeedbackController {
  constructor(private readonly feedback: SubmitPeerFeedbackHandler) {}

  @Post()
  @Roles('employee', 'manager', 'admin')
  @ApiCreatedResponse({ description: '360 feedback recorded; anonymous feedback names nobody' })
  async peer(@Param() p: AppraisalParam, @Body() body: PeerFeedbackRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    const result = await this.feedback.handle({ ...appraisalTarget(p, caller), ...body }, ctx);
    return { appended: result.appended };
  }
}
