import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { param, Roles, Scope } from '@tpm/auth';
import { EvaluationHandler } from '@tpm/training-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { SessionEmployeeParam } from '../dto/ids.dto';
import { BehaviourRequest, LearningTestRequest, ReactionRequest } from '../dto/session.dto';

/** Step 6, Kirkpatrick L1-L3: the employee answers, the trainer tests, the manager observes. */
@ApiTags('training: evaluations')
@Controller('training/sessions/:sessionId/evaluations/:employeeId')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationHandler) {}

  @Post('reaction')
  @Roles('employee')
  @RecordScope(Scope.self(param('employeeId'), 'Only the participant answers their own questionnaire'))
  @ApiUnprocessableEntityResponse({ type: ApiError })
  reaction(@Param() p: SessionEmployeeParam, @Body() body: ReactionRequest, @Ctx() ctx: RequestContext) {
    return this.evaluations.reaction({ ...p, answers: body.answers, comment: body.comment ?? null }, ctx);
  }

  @Post('learning-tests')
  @Roles('trainer', 'admin')
  @RecordScope(Scope.employee(param('employeeId'), 'read'))
  @ApiUnprocessableEntityResponse({ type: ApiError })
  learning(@Param() p: SessionEmployeeParam, @Body() body: LearningTestRequest, @Ctx() ctx: RequestContext) {
    return this.evaluations.learningTest({ ...p, ...body }, ctx);
  }

  @Post('behaviour')
  @Roles('manager', 'admin')
  @RecordScope(Scope.employee(param('employeeId'), 'write'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'BEHAVIOUR_OBSERVED_TOO_EARLY within 4 weeks of the training' })
  behaviour(@Param() p: SessionEmployeeParam, @Body() body: BehaviourRequest, @Ctx() ctx: RequestContext) {
    return this.evaluations.behaviour({ ...p, ...body }, ctx);
  }
}
