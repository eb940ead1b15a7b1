import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ACCESS_POLICY, Caller, Roles, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { OrgQueries } from '@tpm/reporting-projections';
import { ApiError } from '@tpm/service-kit';
import { BusinessUnitParam } from './dto/org.dto';

/** Aggregates (headcounts) of the org: readers within the units they are granted. */
@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/business-units')
export class OrgController {
  constructor(
    private readonly org: OrgQueries,
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
  ) {}

  @Get(':businessUnitId')
  @Roles('analyst', 'executive', 'hr', 'manager', 'admin')
  @ApiOkResponse({ description: '{businessUnitId, name, parentId, headcount, headcountWithDescendants}' })
  @ApiNotFoundResponse({ type: ApiError })
  @ApiForbiddenResponse({ type: ApiError, description: 'Outside the business units you may read' })
  async get(@Param() p: BusinessUnitParam, @Caller() caller: Actor) {
    await this.access.assertBusinessUnit(caller, p.businessUnitId, 'read');
    const unit = await this.org.businessUnit(p.businessUnitId);
    if (!unit) throw new NotFoundException({ code: 'BUSINESS_UNIT_NOT_FOUND', message: `Business unit ${p.businessUnitId} is unknown` });
    return unit;
  }

  @Get(':businessUnitId/subtree')
  @Roles('analyst', 'executive', 'hr', 'manager', 'admin')
  @ApiOkResponse({ description: 'The unit and every unit below it, with depth and headcounts' })
  @ApiNotFoundResponse({ type: ApiError })
  @ApiForbiddenResponse({ type: ApiError, description: 'Outside the business units you may read' })
  async subtree(@Param() p: BusinessUnitParam, @Caller() caller: Actor) {
    await this.access.assertBusinessUnit(caller, p.businessUnitId, 'read');
    const units = await this.org.subtree(p.businessUnitId);
    if (!units.length) throw new NotFoundException({ code: 'BUSINESS_UNIT_NOT_FOUND', message: `Business unit ${p.businessUnitId} is unknown` });
    return { items: units };
  }
}
