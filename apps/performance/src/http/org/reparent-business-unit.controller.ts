import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiNotFoundResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, param, Roles, Scope } from '@tpm/auth';
import { ReparentBusinessUnitHandler } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { BusinessUnitParam, ReparentBusinessUnitRequest } from '../dto/business-unit.dto';

@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/business-units/:businessUnitId/reparent')
export class ReparentBusinessUnitController {
  constructor(private readonly reparent: ReparentBusinessUnitHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @HttpCode(200)
  // Moving a unit takes it out of one subtree and into another: both must be the caller's.
  @RecordScope(Scope.unit(param('businessUnitId'), 'write'), Scope.unit(body('parentId'), 'write'))
  @ApiBody({ type: ReparentBusinessUnitRequest })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Would create a cycle' })
  @ApiNotFoundResponse({ type: ApiError })
  move(@Param() p: BusinessUnitParam, @Body() body: ReparentBusinessUnitRequest, @Ctx() ctx: RequestContext) {
    return this.reparent.handle({ businessUnitId: p.businessUnitId, toParentId: body.parentId }, ctx);
  }
}
