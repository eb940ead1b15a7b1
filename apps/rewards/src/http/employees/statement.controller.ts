import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { param, Roles, Scope } from '@tpm/auth';
import { RecordScope } from '@tpm/service-kit';
import { AsOfQuery, EmployeeParam } from '../dto/ids.dto';
import { StatementQuery } from './statement.query';

/** What the employee got and why: their own, or in a manager's or HR's scope. */
@ApiTags('rewards: employees')
@Controller('rewards/employees/:employeeId/statement')
export class StatementController {
  constructor(private readonly statement: StatementQuery) {}

  @Get()
  @Roles('employee', 'manager', 'hr', 'admin')
  @RecordScope(Scope.employee(param('employeeId'), 'read'))
  get(@Param() p: EmployeeParam, @Query() q: AsOfQuery) {
    return this.statement.run(p.employeeId, q.asOf);
  }
}
