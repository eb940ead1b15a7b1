import { Controller, Delete, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { param, Roles, Scope } from '@tpm/auth';
import { SessionCommandHandler } from '@tpm/training-application';
import { Ctx, RecordScope, type RequestContext } from '@tpm/service-kit';
import { SessionEmployeeParam } from '../dto/ids.dto';

@ApiTags('training: enrolments')
@Controller('training/sessions/:sessionId/enrolments/:employeeId')
export class WithdrawEnrolmentController {
  constructor(private readonly sessions: SessionCommandHandler) {}

  @Delete()
  @Roles('employee', 'manager', 'hr', 'admin')
  @RecordScope(Scope.employee(param('employeeId'), 'write'))
  withdraw(@Param() p: SessionEmployeeParam, @Ctx() ctx: RequestContext) {
    return this.sessions.withdraw({ sessionId: p.sessionId, employeeId: p.employeeId, reason: 'employee' }, ctx);
  }
}
