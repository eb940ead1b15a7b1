import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { body, Roles, Scope } from '@tpm/auth';
import { EnrolEmployeeHandler } from '@tpm/training-application';
import { ApiError, Ctx, EmployeeOrCaller, RecordScope, type RequestContext } from '@tpm/service-kit';
import { SessionParam } from '../dto/ids.dto';
import { EnrolRequest } from '../dto/session.dto';

/** Employees enrol themselves (managers and HR may enrol them); overflow goes to the waitlist. */
@ApiTags('training: enrolments')
@Controller('training/sessions/:sessionId/enrolments')
export class EnrolEmployeeController {
  constructor(private readonly enrol: EnrolEmployeeHandler) {}

  @Post()
  @Roles('employee', 'manager', 'hr', 'admin')
  // Employees enrol themselves; managers and HR whom they may change.
  @RecordScope(Scope.employee(body('employeeId'), 'write', { absent: 'caller' }))
  @ApiCreatedResponse({ description: 'Seated or waitlisted; enrolling twice appends nothing (appended: 0)' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'SESSION_NOT_OPEN, PREREQUISITES_NOT_MET' })
  post(@Param() p: SessionParam, @Body() _body: EnrolRequest, @EmployeeOrCaller('employeeId') employeeId: string, @Ctx() ctx: RequestContext) {
    return this.enrol.handle({ sessionId: p.sessionId, employeeId }, ctx);
  }
}
