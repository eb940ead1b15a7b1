import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { FollowUpHandler, followUpStream } from '@tpm/training-application';
import { followUpDecider, FollowUpNotScheduled } from '@tpm/training-domain';
import { ApiError, Ctx, EVENT_STORE, type RequestContext } from '@tpm/service-kit';
import { SessionEmployeeParam } from './dto/ids.dto';
import { FollowUpCheckRequest } from './dto/session.dto';

/** Step 7, follow-up and support: the 30/60/90-day checks scheduled when training completes. */
@ApiTags('training: follow-ups')
@Controller('training/follow-ups/:sessionId/:employeeId')
export class FollowUpsController {
  constructor(
    private readonly followUps: FollowUpHandler,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @Roles('manager', 'hr', 'coach')
  async get(@Param() p: SessionEmployeeParam) {
    const { state } = await this.store.aggregate(followUpStream(p.sessionId, p.employeeId), followUpDecider);
    if (state.status === 'new') throw new FollowUpNotScheduled(30);
    return state;
  }

  @Post('checks')
  @Roles('manager', 'coach')
  @ApiUnprocessableEntityResponse({ type: ApiError })
  check(@Param() p: SessionEmployeeParam, @Body() body: FollowUpCheckRequest, @Ctx() ctx: RequestContext) {
    return this.followUps.record({ ...p, ...body }, ctx);
  }
}
