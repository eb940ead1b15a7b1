import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { SessionCommandHandler } from '@tpm/training-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { SessionParam } from '../dto/ids.dto';
import { AttendanceRequest, CancelSessionRequest, ExamScoreRequest } from '../dto/session.dto';
import { sessionScope } from '../scope/session-unit.resolver';

@ApiTags('training: sessions')
@Controller('training/sessions/:sessionId')
export class SessionCommandsController {
  constructor(private readonly sessions: SessionCommandHandler) {}

  @Post('cancel')
  @HttpCode(200)
  @Roles('hr', 'manager', 'admin')
  @RecordScope(sessionScope('write'))
  cancel(@Param() p: SessionParam, @Body() body: CancelSessionRequest, @Ctx() ctx: RequestContext) {
    return this.sessions.cancel({ sessionId: p.sessionId, reason: body.reason }, ctx);
  }

  @Post('attendance')
  @HttpCode(200)
  @Roles('trainer', 'admin')
  @RecordScope(sessionScope('read'))
  @ApiConflictResponse({ type: ApiError, description: 'Someone changed the session at the same time' })
  attendance(@Param() p: SessionParam, @Body() body: AttendanceRequest, @Ctx() ctx: RequestContext) {
    return this.sessions.attendance({ sessionId: p.sessionId, ...body }, ctx);
  }

  @Post('exam-scores')
  @HttpCode(200)
  @Roles('trainer', 'admin')
  @RecordScope(sessionScope('read'))
  examScore(@Param() p: SessionParam, @Body() body: ExamScoreRequest, @Ctx() ctx: RequestContext) {
    return this.sessions.examScore({ sessionId: p.sessionId, ...body }, ctx);
  }

  @Post('complete')
  @HttpCode(200)
  @Roles('trainer', 'hr', 'admin')
  @RecordScope(sessionScope('own-work'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'SESSION_NOT_OVER before the session ends' })
  complete(@Param() p: SessionParam, @Ctx() ctx: RequestContext) {
    return this.sessions.complete(p.sessionId, ctx);
  }
}
