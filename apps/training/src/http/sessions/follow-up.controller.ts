import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { param, Roles, Scope } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { followUpStream } from '@tpm/training-application';
import { followUpDecider, FollowUpNotScheduled } from '@tpm/training-domain';
import { EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { SessionEmployeeParam } from '../dto/ids.dto';

/** Step 7, follow-up and support: the 30/60/90-day checks scheduled when training completes. */
@ApiTags('training: follow-ups')
@Controller('training/follow-ups/:sessionId/:employeeId')
export class FollowUpController {
  // No follow-up read model exists yet: the write side's state is folded here, as before.
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Roles('manager', 'hr', 'coach', 'admin')
  @RecordScope(Scope.employee(param('employeeId'), 'read'))
  async get(@Param() p: SessionEmployeeParam) {
    const { state } = await this.store.aggregate(followUpStream(p.sessionId, p.employeeId), followUpDecider);
    if (state.status === 'new') throw new FollowUpNotScheduled(30);
    return state;
  }
}
