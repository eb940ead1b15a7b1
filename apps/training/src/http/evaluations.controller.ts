import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, forbidden, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { EvaluationHandler } from '@tpm/training-application';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import { SessionEmployeeParam } from './dto/ids.dto';
import { TrainingScope } from './training-scope';
import { BehaviourRequest, LearningTestRequest, ReactionRequest } from './dto/session.dto';

/** Step 6, Kirkpatrick L1-L3: the employee answers, the trainer tests, the manager observes. */
@ApiTags('training: evaluations')
@Controller('training/sessions/:sessionId/evaluations/:employeeId')
export class EvaluationsController {
  constructor(
    private readonly evaluations: EvaluationHandler,
    private readonly scope: TrainingScope,
  ) {}

  @Post('reaction')
  @Roles('employee')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  async reaction(@Param() p: SessionEmployeeParam, @Body() body: ReactionRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    // Only the participant answers their own questionnaire.
    if (caller.employeeId !== p.employeeId) throw forbidden('OUT_OF_SCOPE', 'Only the participant answers their own questionnaire');
    return this.evaluations.reaction({ ...p, answers: body.answers, comment: body.comment ?? null }, ctx);
  }

  @Post('learning-tests')
  @Roles('trainer', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  async learning(@Param() p: SessionEmployeeParam, @Body() body: LearningTestRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.policy.assertEmployee(caller, p.employeeId, 'read');
    return this.evaluations.learningTest({ ...p, ...body }, ctx);
  }

  @Post('behaviour')
  @Roles('manager', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'BEHAVIOUR_OBSERVED_TOO_EARLY within 4 weeks of the training' })
  async behaviour(@Param() p: SessionEmployeeParam, @Body() body: BehaviourRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.policy.assertEmployee(caller, p.employeeId, 'write');
    return this.evaluations.behaviour({ ...p, ...body }, ctx);
  }
}
