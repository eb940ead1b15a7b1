import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { employeeIdFor, OffboardEmployeeHandler } from '@tpm/performance-application';
import { employeeNumbered } from '../employee-number.scope';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { EmployeeNumberParam, OffboardEmployeeRequest } from '../dto/employee.dto';

@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/employees/:employeeNumber/offboard')
export class OffboardEmployeeController {
  constructor(private readonly offboard: OffboardEmployeeHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @HttpCode(200)
  @RecordScope(employeeNumbered('write'))
  @ApiUnprocessableEntityResponse({ type: ApiError })
  leave(@Param() p: EmployeeNumberParam, @Body() body: OffboardEmployeeRequest, @Ctx() ctx: RequestContext) {
    return this.offboard.handle({ employeeId: employeeIdFor(p.employeeNumber), reason: body.reason ?? null }, ctx);
  }
}
