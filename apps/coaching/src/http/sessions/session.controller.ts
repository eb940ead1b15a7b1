import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { sessionStream } from '@tpm/coaching-application';
import { AggregateETag, RecordScope } from '@tpm/service-kit';
import { AsOfQuery, SessionParam } from '../dto/ids.dto';
import { CoachingViews } from '../coaching-views.query';
import { sessionScope } from '../scope/coaching-units.resolver';

@ApiTags('coaching: sessions')
@ApiBearerAuth()
@Controller('coaching/sessions')
export class SessionController {
  constructor(private readonly views: CoachingViews) {}

  @Get(':sessionId')
  @Roles('employee', 'coach', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(sessionScope('read', 'employee'))
  @AggregateETag((p) => sessionStream(p.sessionId))
  @ApiOkResponse({ description: 'The session with its agenda (carried-over points marked), answers, praise and action items, optionally as of an instant' })
  get(@Param() p: SessionParam, @Query() q: AsOfQuery, @Caller() caller: Actor) {
    return this.views.session(p.sessionId, caller, q.asOf);
  }
}
