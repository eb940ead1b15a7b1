import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { param, Roles, Scope } from '@tpm/auth';
import { RenameBusinessUnitHandler } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { BusinessUnitParam, RenameBusinessUnitRequest } from '../dto/business-unit.dto';

@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/business-units/:businessUnitId/rename')
export class RenameBusinessUnitController {
  constructor(private readonly rename: RenameBusinessUnitHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @HttpCode(200)
  @RecordScope(Scope.unit(param('businessUnitId'), 'write'))
  @ApiNotFoundResponse({ type: ApiError })
  retitle(@Param() p: BusinessUnitParam, @Body() body: RenameBusinessUnitRequest, @Ctx() ctx: RequestContext) {
    return this.rename.handle({ businessUnitId: p.businessUnitId, name: body.name }, ctx);
  }
}
