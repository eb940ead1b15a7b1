import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { param, Roles, Scope } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { careerStream } from '@tpm/rewards-application';
import { careerDecider } from '@tpm/rewards-domain';
import { AggregateETag, EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { AsOfQuery, EmployeeParam } from '../dto/ids.dto';

/** Promotion, transfer and demotion-review recommendations, each with the appraisals and plans behind it. */
@ApiTags('rewards: employees')
@Controller('rewards/employees/:employeeId/recommendations')
export class RecommendationsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Roles('manager', 'hr', 'executive', 'auditor', 'admin')
  @RecordScope(Scope.employee(param('employeeId'), 'read'))
  @AggregateETag((p) => careerStream(p.employeeId))
  async get(@Param() p: EmployeeParam, @Query() q: AsOfQuery) {
    const { state, version } = await this.store.aggregate(careerStream(p.employeeId), careerDecider, { asOf: q.asOf });
    return { employeeId: p.employeeId, ...state, streamVersion: version, asOf: q.asOf ?? null };
  }
}
