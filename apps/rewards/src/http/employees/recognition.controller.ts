import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { param, Roles, Scope } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { recognitionStream } from '@tpm/rewards-application';
import { recognitionDecider } from '@tpm/rewards-domain';
import { AggregateETag, EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { AsOfQuery, EmployeeParam } from '../dto/ids.dto';

@ApiTags('rewards: employees')
@Controller('rewards/employees/:employeeId/recognition')
export class RecognitionController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Roles('employee', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(Scope.employee(param('employeeId'), 'read'))
  @AggregateETag((p) => recognitionStream(p.employeeId))
  async get(@Param() p: EmployeeParam, @Query() q: AsOfQuery) {
    const { state, version } = await this.store.aggregate(recognitionStream(p.employeeId), recognitionDecider, { asOf: q.asOf });
    return { employeeId: p.employeeId, ...state, streamVersion: version, asOf: q.asOf ?? null };
  }
}
