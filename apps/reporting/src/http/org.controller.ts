import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OrgQueries } from '@tpm/reporting-projections';
import { ApiError } from '@tpm/service-kit';
import { BusinessUnitParam } from './dto/org.dto';

@ApiTags('organization')
@Controller('org/business-units')
export class OrgController {
  constructor(private readonly org: OrgQueries) {}

  @Get(':businessUnitId')
  @ApiOkResponse({ description: '{businessUnitId, name, parentId, headcount, headcountWithDescendants}' })
  @ApiNotFoundResponse({ type: ApiError })
  async get(@Param() p: BusinessUnitParam) {
    const unit = await this.org.businessUnit(p.businessUnitId);
    if (!unit) throw new NotFoundException({ code: 'BUSINESS_UNIT_NOT_FOUND', message: `Business unit ${p.businessUnitId} is unknown` });
    return unit;
  }

  @Get(':businessUnitId/subtree')
  @ApiOkResponse({ description: 'The unit and every unit below it, with depth and headcounts' })
  @ApiNotFoundResponse({ type: ApiError })
  async subtree(@Param() p: BusinessUnitParam) {
    const units = await this.org.subtree(p.businessUnitId);
    if (!units.length) throw new NotFoundException({ code: 'BUSINESS_UNIT_NOT_FOUND', message: `Business unit ${p.businessUnitId} is unknown` });
    return { items: units };
  }
}
