import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { sessionStream } from '@tpm/training-application';
import { sessionDecider, SessionNotFound } from '@tpm/training-domain';
import { AggregateETag, EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { SessionParam } from '../dto/ids.dto';
import { sessionScope } from '../scope/session-unit.resolver';

@ApiTags('training: sessions')
@Controller('training/sessions')
export class SessionController {
  // No session read model exists yet: the write side's state is folded here, as before.
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':sessionId')
  @Roles('employee', 'manager', 'hr', 'trainer', 'coach', 'analyst', 'admin')
  // Employees browse sessions to enrol; everyone else within the units they may read.
  @RecordScope(sessionScope('read', 'employee'))
  @AggregateETag((p) => sessionStream(p.sessionId))
  async get(@Param() p: SessionParam) {
    const { state, version } = await this.store.aggregate(sessionStream(p.sessionId), sessionDecider);
    if (state.status === 'new') throw new SessionNotFound(p.sessionId);
    return { ...state, streamVersion: version };
  }
}
