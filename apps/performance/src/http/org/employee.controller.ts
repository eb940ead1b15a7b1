import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { employeeIdFor, employeeStream } from '@tpm/performance-application';
import { employeeDecider, EmployeeNotOnboarded } from '@tpm/performance-domain';
import { employeeNumbered } from '../employee-number.scope';
import { AggregateETag, ApiError, EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { AsOfQuery, EmployeeNumberParam, EmployeeView } from '../dto/employee.dto';

/** An employee reads their own record; HR, managers and auditors those within their units. */
@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/employees')
export class EmployeeController {
  // No employee query exists yet: the write side's state is folded here, as before.
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':employeeNumber')
  @Roles('employee', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(employeeNumbered('read'))
  @AggregateETag((p) => employeeStream(employeeIdFor(p.employeeNumber)))
  @ApiOkResponse({ type: EmployeeView, description: 'The employee as the write side knows them, optionally as of an instant' })
  @ApiNotFoundResponse({ type: ApiError })
  async get(@Param() p: EmployeeNumberParam, @Query() q: AsOfQuery) {
    const employeeId = employeeIdFor(p.employeeNumber);
    const { state, version } = await this.store.aggregate(employeeStream(employeeId), employeeDecider, { asOf: q.asOf });
    if (state.status === 'new') throw new EmployeeNotOnboarded(employeeId);
    return { ...state, version, asOf: q.asOf ?? null };
  }
}
