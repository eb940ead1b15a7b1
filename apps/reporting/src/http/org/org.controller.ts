import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { param, Roles, Scope } from '@tpm/auth';
import { OrgQueries } from '@tpm/reporting-projections';
import { ApiError, RecordScope } from '@tpm/service-kit';
import { BusinessUnitParam } from '../dto/org.dto';
import { BusinessUnitUnknown } from './business-unit-unknown.error';

/** Aggregates (headcounts) of the org: readers within the units they are granted. */
@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/business-units/:businessUnitId')
export class OrgController {
  constructor(private readonly org: OrgQueries) {}

  @Get()
  @Roles('analyst', 'executive', 'hr', 'manager', 'admin')
  @RecordScope(Scope.unit(param('businessUnitId'), 'read'))
  @ApiOkResponse({ description: '{businessUnitId, name, parentId, headcount, headcountWithDescendants}' })
  @ApiNotFoundResponse({ type: ApiError })
  @ApiForbiddenResponse({ type: ApiError, description: 'Outside the business units you may read' })
  async get(@Param() p: BusinessUnitParam) {
    const unit = await this.org.businessUnit(p.businessUnitId);
    if (!unit) throw new BusinessUnitUnknown(p.businessUnitId);
    return unit;
  }

  @Get('subtree')
  @Roles('analyst', 'executive', 'hr', 'manager', 'admin')
  @RecordScope(Scope.unit(param('businessUnitId'), 'read'))
  @ApiOkResponse({ description: 'The unit and every unit below it, with depth and headcounts' })
  @ApiNotFoundResponse({ type: ApiError })
  @ApiForbiddenResponse({ type: ApiError, description: 'Outside the business units you may read' })
  async subtree(@Param() p: BusinessUnitParam) {
    const units = await this.org.subtree(p.businessUnitId);
    if (!units.length) throw new BusinessUnitUnknown(p.businessUnitId);
    return { items: units };
  }
}
