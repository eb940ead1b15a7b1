import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { SubmitAnonymousFeedbackHandler } from '@tpm/performance-application';
import { ApiError } from '@tpm/service-kit';
import { AppraisalParam } from '../dto/performance-ids.dto';
import { APPRAISAL_PATH, appraisalTarget } from './appraisal-target';
import { AnonymousFeedbackRequest } from './feedback.dto';

/**
 * The path of this route, declared untraced to the service kit: no request log line, the caller's
 * correlation id and traceparent ignored and not echoed (`ServiceKitModule.forService`).
 */
// Case-insensitive, as Express routes are: `/Appraisal-Cycles/…` reaches the same handler.
export const ANONYMOUS_FEEDBACK_ROUTE = /^\/appraisal-cycles\/[^/]+\/appraisals\/[^/]+\/anonymous-feedback\/?$/i;

/**
 * Anonymous 360 feedback: held until the cycle leaves review, then released with every other
 * entry of the cycle. The caller is read only for the rules (who may write, one entry each) and
 * reaches nothing stored; no @Ctx, so no request context can reach the handler; no @AuditedRead,
 * so no access-log row. No unit scope, like named feedback: reviewers come from any unit.
 */
@ApiTags('appraisals')
@ApiBearerAuth()
@Controller(`${APPRAISAL_PATH}/anonymous-feedback`)
export class SubmitAnonymousFeedbackController {
  constructor(private readonly feedback: SubmitAnonymousFeedbackHandler) {}

  @Post()
  @HttpCode(202)
  @Roles('employee', 'manager', 'admin')
  @ApiAcceptedResponse({ description: 'Held until review ends (held: false when this request was already taken)' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Not an approved nominee (peer), not a direct report (upward), already given, or not in review' })
  anonymous(@Param() p: AppraisalParam, @Body() body: AnonymousFeedbackRequest, @Caller() caller: Actor) {
    return this.feedback.handle({ ...appraisalTarget(p, caller), ...body });
  }
}
