import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { param, Roles, Scope } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { payStream } from '@tpm/rewards-application';
import { payDecider } from '@tpm/rewards-domain';
import { AggregateETag, EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { AsOfQuery, EmployeeParam } from '../dto/ids.dto';

/** Read from the employee's own stream (decrypted by the store), never from a read model. HR only. */
@ApiTags('rewards: pay')
@Controller('rewards/employees/:employeeId/pay')
export class PayController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Roles('hr', 'admin')
  @RecordScope(Scope.employee(param('employeeId'), 'write'))
  @AggregateETag((p) => payStream(p.employeeId))
  async get(@Param() p: EmployeeParam, @Query() q: AsOfQuery) {
    const { state, version } = await this.store.aggregate(payStream(p.employeeId), payDecider, { asOf: q.asOf });
    return { employeeId: p.employeeId, records: state.records, streamVersion: version, asOf: q.asOf ?? null };
  }
}
