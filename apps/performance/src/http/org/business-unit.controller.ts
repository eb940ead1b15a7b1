import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { param, Roles, Scope } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { ORG_STRUCTURE_STREAM } from '@tpm/performance-application';
import { BusinessUnitNotFound, orgStructureDecider } from '@tpm/performance-domain';
import { ApiError, EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { BusinessUnitParam } from '../dto/business-unit.dto';
import { AsOfQuery } from '../dto/employee.dto';

/** Readers need read scope over the unit. */
@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/business-units')
export class BusinessUnitController {
  // No org-structure query exists yet: the write side's state is folded here, as before.
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':businessUnitId')
  @Roles('manager', 'hr', 'executive', 'analyst', 'auditor', 'admin')
  @RecordScope(Scope.unit(param('businessUnitId'), 'read'))
  @ApiOkResponse({ description: 'The unit as the write side knows it (optionally as of an instant)' })
  @ApiNotFoundResponse({ type: ApiError })
  async get(@Param() p: BusinessUnitParam, @Query() q: AsOfQuery) {
    const { state, version } = await this.store.aggregate(ORG_STRUCTURE_STREAM, orgStructureDecider, { asOf: q.asOf });
    const unit = state.units.get(p.businessUnitId);
    if (!unit) throw new BusinessUnitNotFound(p.businessUnitId);
    const children = [...state.units].filter(([, u]) => u.parentId === p.businessUnitId).map(([id]) => id);
    return { businessUnitId: p.businessUnitId, name: unit.name, parentId: unit.parentId, children, version, asOf: q.asOf ?? null };
  }
}
