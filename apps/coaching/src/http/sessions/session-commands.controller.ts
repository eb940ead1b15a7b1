import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { SessionHandler } from '@tpm/coaching-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ActionItemRequest, AnswersRequest, HoldSessionRequest, PraiseRequest, ReasonRequest, ScheduleSessionRequest } from '../dto/coaching.dto';
import { SessionParam } from '../dto/ids.dto';
import { engagementInBody, sessionScope } from '../scope/coaching-units.resolver';

/** The coach's side of a 1:1: schedule, walk the questions, praise, agree actions, hold or cancel. */
@ApiTags('coaching: sessions')
@ApiBearerAuth()
@Controller('coaching/sessions')
export class SessionCommandsController {
  constructor(private readonly sessions: SessionHandler) {}

  @Post()
  @Roles('coach', 'manager', 'admin')
  @RecordScope(engagementInBody('own-work'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'ENGAGEMENT_NOT_ACTIVE' })
  schedule(@Body() b: ScheduleSessionRequest, @Ctx() ctx: RequestContext) {
    return this.sessions.schedule(b, ctx);
  }

  @Post(':sessionId/answers')
  @HttpCode(200)
  @Roles('coach', 'manager', 'admin')
  @RecordScope(sessionScope('own-work'))
  answers(@Param() p: SessionParam, @Body() b: AnswersRequest, @Ctx() ctx: RequestContext) {
    return this.sessions.answer(p.sessionId, { ...b.answers }, ctx);
  }

  @Post(':sessionId/praise')
  @Roles('coach', 'manager', 'admin')
  @RecordScope(sessionScope('own-work'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'PRAISE_NOT_SPECIFIC: name the behaviour and an example' })
  praise(@Param() p: SessionParam, @Body() b: PraiseRequest, @Ctx() ctx: RequestContext) {
    return this.sessions.praise(p.sessionId, b, ctx);
  }

  @Post(':sessionId/action-items')
  @Roles('coach', 'manager', 'admin')
  @RecordScope(sessionScope('own-work'))
  actionItem(@Param() p: SessionParam, @Body() b: ActionItemRequest, @Ctx() ctx: RequestContext) {
    return this.sessions.addActionItem(p.sessionId, b, ctx);
  }

  @Post(':sessionId/held')
  @HttpCode(200)
  @Roles('coach', 'manager', 'admin')
  @RecordScope(sessionScope('own-work'))
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'TALKING_POINT_NOT_ON_AGENDA, COACHING_SESSION_NOT_OPEN' })
  hold(@Param() p: SessionParam, @Body() b: HoldSessionRequest, @Ctx() ctx: RequestContext) {
    return this.sessions.hold(p.sessionId, { ...b, objectiveProgress: b.objectiveProgress ?? [] }, ctx);
  }

  @Post(':sessionId/cancel')
  @HttpCode(200)
  @Roles('coach', 'manager', 'admin')
  @RecordScope(sessionScope('own-work'))
  cancel(@Param() p: SessionParam, @Body() b: ReasonRequest, @Ctx() ctx: RequestContext) {
    return this.sessions.cancel(p.sessionId, b.reason, ctx);
  }
}
