import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { EnrolEmployeeHandler, SessionCommandHandler } from '@tpm/training-application';
import { TrainingQueries } from '@tpm/training-infrastructure';
import { ApiError, Ctx, type RequestContext } from '@tpm/service-kit';
import { BadRequestException } from '@nestjs/common';
import { SessionEmployeeParam, SessionParam } from './dto/ids.dto';
import { EnrolRequest } from './dto/session.dto';

/** Employees enrol themselves (managers and HR may enrol them); overflow goes to the waitlist. */
@ApiTags('training: enrolments')
@Controller('training/sessions/:sessionId/enrolments')
export class EnrolmentsController {
  constructor(
    private readonly enrol: EnrolEmployeeHandler,
    private readonly sessions: SessionCommandHandler,
    private readonly queries: TrainingQueries,
  ) {}

  @Post()
  @Roles('employee', 'manager', 'hr')
  @ApiCreatedResponse({ description: 'Seated or waitlisted; enrolling twice appends nothing (appended: 0)' })
  @ApiUnprocessableEntityResponse({ type: ApiError, description: 'SESSION_NOT_OPEN, PREREQUISITES_NOT_MET' })
  post(@Param() p: SessionParam, @Body() body: EnrolRequest, @Ctx() ctx: RequestContext) {
    const employeeId = body.employeeId ?? ctx.actor.employeeId;
    if (!employeeId) throw new BadRequestException({ code: 'VALIDATION_FAILED', message: 'employeeId is required', details: [{ field: 'employeeId', errors: ['employeeId is required'] }] });
    return this.enrol.handle({ sessionId: p.sessionId, employeeId }, ctx);
  }

  @Delete(':employeeId')
  @Roles('employee', 'manager', 'hr')
  withdraw(@Param() p: SessionEmployeeParam, @Ctx() ctx: RequestContext) {
    return this.sessions.withdraw({ sessionId: p.sessionId, employeeId: p.employeeId, reason: 'employee' }, ctx);
  }

  @Get()
  @Roles('manager', 'hr', 'trainer')
  roster(@Param() p: SessionParam) {
    return this.queries.roster(p.sessionId);
  }
}
