import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Roles, Scope } from '@tpm/auth';
import { employeeIdFor, OnboardEmployeeHandler } from '@tpm/performance-application';
import { ApiError, Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { OnboardedEmployee, OnboardEmployeeRequest } from '../dto/employee.dto';

/**
 * Employees are addressed by their HRIS employee number; the id in events derives from it
 * (see employee-number.identity.ts), so both always name the same person.
 */
@ApiTags('organization')
@ApiBearerAuth()
@Controller('org/employees')
export class OnboardEmployeeController {
  constructor(private readonly onboard: OnboardEmployeeHandler) {}

  @Post()
  @Roles('hr', 'admin')
  @RecordScope(Scope.unit(body('businessUnitId'), 'write'))
  @ApiCreatedResponse({ type: OnboardedEmployee, description: 'Onboarded (or already onboarded with the same data: appended 0)' })
  @ApiUnprocessableEntityResponse({ type: ApiError })
  create(@Body() body: OnboardEmployeeRequest, @Ctx() ctx: RequestContext) {
    const { managerEmployeeNumber, ...rest } = body;
    return this.onboard.handle({ ...rest, managerId: managerEmployeeNumber ? employeeIdFor(managerEmployeeNumber) : null }, ctx);
  }
}
