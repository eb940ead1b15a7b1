import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { FollowUpHandler, followUpStream } from '@tpm/training-application';
import { followUpDecider, FollowUpNotScheduled } from '@tpm/training-domain';
import { ApiError, Ctx, EVENT_STORE, type RequestContext } from '@tpm/service-kit';
import { SessionEmployeeParam } from './dto/ids.dto';
import { FollowUpCheckRequest } from './dto/session.dto';
import { TrainingScope } from './training-scope';

/** Step 7, follow-up and support: the 30/60/90-day checks scheduled when training completes. */
@ApiTags('training: follow-ups')
@Controller('training/follow-ups/:sessionId/:employeeId')
export class FollowUpsController {
  constructor(
    private readonly followUps: FollowUpHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly scope: TrainingScope,
  ) {}

  @Get()
  @Roles('manager', 'hr', 'coach', 'admin')
  async get(@Param() p: SessionEmployeeParam, @Caller() caller: Actor) {
    await this.scope.policy.assertEmployee(caller, p.employeeId, 'read');
    const { state } = await this.store.aggregate(followUpStream(p.sessionId, p.employeeId), followUpDecider);
    if (state.status === 'new') throw new FollowUpNotScheduled(30);
    return state;
  }

  @Post('checks')
  @Roles('manager', 'coach', 'admin')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  async check(@Param() p: SessionEmployeeParam, @Body() body: FollowUpCheckRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.policy.assertEmployee(caller, p.employeeId, this.scope.modeFor(caller));
    return this.followUps.record({ ...p, ...body }, ctx);
  }
}
