import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { EnrolEmployeeHandler, SessionCommandHandler } from '@tpm/training-application';
import { TrainingQueries } from '@tpm/training-infrastructure';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import { BadRequestException } from '@nestjs/common';
import { SessionEmployeeParam, SessionParam } from './dto/ids.dto';
import { EnrolRequest } from './dto/session.dto';
import { TrainingScope } from './training-scope';

/** Employees enrol themselves (managers and HR may enrol them); overflow goes to the waitlist. */
@ApiTags('training: enrolments')
@Controller('training/sessions/:sessionId/enrolments')
export class EnrolmentsController {
  constructor(
    private readonly enrol: EnrolEmployeeHandler,
    private readonly sessions: SessionCommandHandler,
    private readonly queries: TrainingQueries,
    private readonly scope: TrainingScope,
  ) {}

  @Post()
  @Roles('employee', 'manager', 'hr', 'admin')
  @ApiCreatedResponse({ description: 'Seated or waitlisted; enrolling twice appends nothing (appended: 0)' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'SESSION_NOT_OPEN, PREREQUISITES_NOT_MET' })
  async post(@Param() p: SessionParam, @Body() body: EnrolRequest, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    const employeeId = body.employeeId ?? caller.employeeId;
    if (!employeeId) throw new BadRequestException({ code: 'VALIDATION_FAILED', message: 'employeeId is required', details: [{ field: 'employeeId', errors: ['employeeId is required'] }] });
    // Employees enrol themselves; managers and HR whom they may change.
    await this.scope.policy.assertEmployee(caller, employeeId, 'write');
    return this.enrol.handle({ sessionId: p.sessionId, employeeId }, ctx);
  }

  @Delete(':employeeId')
  @Roles('employee', 'manager', 'hr', 'admin')
  async withdraw(@Param() p: SessionEmployeeParam, @Ctx() ctx: RequestContext, @Caller() caller: Actor) {
    await this.scope.policy.assertEmployee(caller, p.employeeId, 'write');
    return this.sessions.withdraw({ sessionId: p.sessionId, employeeId: p.employeeId, reason: 'employee' }, ctx);
  }

  @Get()
  @Roles('manager', 'hr', 'trainer', 'admin')
  async roster(@Param() p: SessionParam, @Caller() caller: Actor) {
    await this.scope.session(caller, p.sessionId, 'read');
    return this.queries.roster(p.sessionId);
  }
}
