import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { sessionStream } from '@tpm/training-application';
import { AggregateETag, RecordScope } from '@tpm/service-kit';
import { SessionParam } from '../dto/ids.dto';
import { sessionScope } from '../scope/session-unit.resolver';
import { SessionView } from './session-view.query';

@ApiTags('training: sessions')
@Controller('training/sessions')
export class SessionController {
  constructor(private readonly sessions: SessionView) {}

  @Get(':sessionId')
  @Roles('employee', 'manager', 'hr', 'trainer', 'coach', 'analyst', 'admin')
  // Employees browse sessions to enrol (seeing their own enrolment only); everyone else within the units they may read.
  @RecordScope(sessionScope('read', 'employee'))
  @AggregateETag((p) => sessionStream(p.sessionId))
  get(@Param() p: SessionParam, @Caller() caller: Actor) {
    return this.sessions.get(p.sessionId, caller);
  }
}
