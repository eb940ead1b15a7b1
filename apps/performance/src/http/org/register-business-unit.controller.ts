import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Roles, Scope, wholeOrganization } from '@tpm/auth';
import { RegisterBusinessUnitHandler } from '@tpm/performance-application';
import { ApiError, CommandResultView, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { RegisterBusinessUnitRequest } from '../dto/business-unit.dto';

/** HR and admins add a unit under one they govern; only full scope registers the root. */
@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/business-units')
export class RegisterBusinessUnitController {
  constructor(private readonly register: RegisterBusinessUnitHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @RecordScope(Scope.unit(body('parentId'), 'write', { absent: wholeOrganization('Only a caller governing every unit registers the root') }))
  @ApiCreatedResponse({ type: CommandResultView, description: 'Registered (or already registered with the same data: appended 0)' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'Unknown parent, second root, or id reused with other data' })
  @ApiConflictResponse({ type: ApiError })
  create(@Body() body: RegisterBusinessUnitRequest, @Ctx() ctx: RequestContext) {
    return this.register.handle({ businessUnitId: body.businessUnitId, name: body.name, parentId: body.parentId ?? null }, ctx);
  }
}
