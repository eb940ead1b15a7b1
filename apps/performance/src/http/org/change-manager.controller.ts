import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { ChangeManagerHandler, employeeIdFor } from '@tpm/performance-application';
import { employeeNumbered } from '../employee-number.scope';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { ChangeManagerRequest, EmployeeNumberParam } from '../dto/employee.dto';

@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/employees/:employeeNumber/manager')
export class ChangeManagerController {
  constructor(private readonly changeManager: ChangeManagerHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @HttpCode(200)
  @RecordScope(employeeNumbered('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError })
  manager(@Param() p: EmployeeNumberParam, @Body() body: ChangeManagerRequest, @Ctx() ctx: RequestContext) {
    const managerId = body.managerEmployeeNumber === null ? null : employeeIdFor(body.managerEmployeeNumber);
    return this.changeManager.handle({ employeeId: employeeIdFor(p.employeeNumber), managerId }, ctx);
  }
}
