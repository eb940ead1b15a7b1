import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Roles, Scope } from '@tpm/auth';
import { employeeIdFor, TransferEmployeeHandler } from '@tpm/performance-application';
import { employeeNumbered } from '../employee-number.scope';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { EmployeeNumberParam, TransferEmployeeRequest } from '../dto/employee.dto';

/** HR, admins, and managers within their units: both the source and the target unit. */
@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/employees/:employeeNumber/transfer')
export class TransferEmployeeController {
  constructor(private readonly transfer: TransferEmployeeHandler) {}

  @Post()
  @Roles('hr', 'manager', 'admin')
  @HttpCode(200)
  @RecordScope(employeeNumbered('write'), Scope.unit(body('toBusinessUnitId'), 'write'))
  @ApiNotFoundResponse({ type: ApiError })
  @ApiConflictResponse({ type: ApiError, description: 'Someone changed this employee at the same time' })
  @ApiUnprocessableEntityResponse({ type: ApiError })
  move(@Param() p: EmployeeNumberParam, @Body() body: TransferEmployeeRequest, @Ctx() ctx: RequestContext) {
    return this.transfer.handle({ employeeId: employeeIdFor(p.employeeNumber), toBusinessUnitId: body.toBusinessUnitId, position: body.position ?? null }, ctx);
  }
}
