import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { ScheduleSessionHandler, SessionCommandHandler, sessionStream } from '@tpm/training-application';
import { sessionDecider, SessionNotFound } from '@tpm/training-domain';
import { ApiError, Ctx, EVENT_STORE, type RequestContext } from '@tpm/service-kit';
import { SessionParam } from './dto/ids.dto';
import { TrainingScope } from './training-scope';
import { AttendanceRequest, CancelSessionRequest, ExamScoreRequest, ScheduleSessionRequest } from './dto/session.dto';

/** Step 5, delivery: sessions scheduled by HR and managers, attendance and exams by the trainer. */
@ApiTags('training: sessions')
@Controller('training/sessions')
export class SessionsController {
  constructor(
    private readonly schedule: ScheduleSessionHandler,
    private readonly sessions: SessionCommandHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scope: TrainingScope,
  ) {}

  @Post()
  @Roles('hr', 'manager', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'RESOURCE_DOUBLE_BOOKED when the venue or trainer is taken' })
  @ApiConflictResponse({ type: ApiError })
  async create(@Body() body: ScheduleSessionRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.policy.assertBusinessUnit(caller, body.businessUnitId, 'write');
    return this.schedule.handle({ ...body, planId: body.planId ?? null, venueId: body.venueId ?? null, trainerId: body.trainerId ?? null }, ctx);
  }

  @Get(':sessionId')
  @Roles('employee', 'manager', 'hr', 'trainer', 'coach', 'analyst', 'admin')
  async get(@Param() p: SessionParam, @Caller() caller: Actor) {
    // Employees browse sessions to enrol; everyone else within the units they may read.
    if (!caller.roles.includes('employee')) await this.scope.session(caller, p.sessionId, 'read');
    const { state, version } = await this.store.aggregate(sessionStream(p.sessionId), sessionDecider);
    if (state.status === 'new') throw new SessionNotFound(p.sessionId);
    return { ...state, streamVersion: version };
  }

  @Post(':sessionId/cancel')
  @HttpCode(200)
  @Roles('hr', 'manager', 'admin')
  async cancel(@Param() p: SessionParam, @Body() body: CancelSessionRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.session(caller, p.sessionId, 'write');
    return this.sessions.cancel({ sessionId: p.sessionId, reason: body.reason }, ctx);
  }

  @Post(':sessionId/attendance')
  @HttpCode(200)
  @Roles('trainer', 'admin')
  @ApiConflictResponse({ type: ApiError, description: 'Someone changed the session at the same time' })
  async attendance(@Param() p: SessionParam, @Body() body: AttendanceRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.session(caller, p.sessionId, 'read');
    return this.sessions.attendance({ sessionId: p.sessionId, ...body }, ctx);
  }

  @Post(':sessionId/exam-scores')
  @HttpCode(200)
  @Roles('trainer', 'admin')
  async examScore(@Param() p: SessionParam, @Body() body: ExamScoreRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.session(caller, p.sessionId, 'read');
    return this.sessions.examScore({ sessionId: p.sessionId, ...body }, ctx);
  }

  @Post(':sessionId/complete')
  @HttpCode(200)
  @Roles('trainer', 'hr', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'SESSION_NOT_OVER before the session ends' })
  async complete(@Param() p: SessionParam, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.session(caller, p.sessionId, this.scope.modeFor(caller));
    return this.sessions.complete(p.sessionId, ctx);
  }
}
