import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { TrainingQueries } from '@tpm/training-infrastructure';
import { RecordScope } from '@tpm/service-kit';
import { SessionParam } from '../dto/ids.dto';
import { sessionScope } from '../scope/session-unit.resolver';

@ApiTags('training: enrolments')
@Controller('training/sessions/:sessionId/enrolments')
export class RosterController {
  constructor(private readonly queries: TrainingQueries) {}

  @Get()
  @Roles('manager', 'hr', 'trainer', 'admin')
  @RecordScope(sessionScope('read'))
  roster(@Param() p: SessionParam) {
    return this.queries.roster(p.sessionId);
  }
}
