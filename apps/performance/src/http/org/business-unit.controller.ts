import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { param, Roles, Scope } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { businessUnitView } from '@tpm/performance-application';
import { ApiError, EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { BusinessUnitParam } from '../dto/business-unit.dto';
import { AsOfQuery } from '../dto/employee.dto';

/** Readers need read scope over the unit. */
@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/business-units')
export class BusinessUnitController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':businessUnitId')
  @Roles('manager', 'hr', 'executive', 'analyst', 'auditor', 'admin')
  @RecordScope(Scope.unit(param('businessUnitId'), 'read'))
  @ApiOkResponse({ description: 'The unit as the write side knows it (optionally as of an instant)' })
  @ApiNotFoundResponse({ type: ApiError })
  get(@Param() p: BusinessUnitParam, @Query() q: AsOfQuery) {
    // The cached tree now (reads only what is new); the tree's history folded only for an as-of read.
    return businessUnitView(this.store, p.businessUnitId, q.asOf);
  }
}
