import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import { AppraisalQueries, appraisalStream, employeeIdFor } from '@tpm/performance-application';
import { AggregateETag, ApiError, RecordScope } from '@tpm/service-kit';
import { AsOfQuery } from '../dto/employee.dto';
import { AppraisalParam } from '../dto/performance-ids.dto';
import { employeeNumbered } from '../employee-number.scope';
import { APPRAISAL_PATH } from './appraisal-target';

@ApiTags('appraisals')
@ApiBearerAuth()
@Controller(APPRAISAL_PATH)
export class AppraisalController {
  constructor(private readonly queries: AppraisalQueries) {}

  @Get()
  @Roles('employee', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(employeeNumbered('read'))
  // The appraisal stream's version: calibration and assessments write it; response and feedback have their own streams.
  @AggregateETag((p) => appraisalStream(p.cycleId, employeeIdFor(p.employeeNumber)))
  @ApiOkResponse({ description: 'The appraisal (before/after calibration, response, 360), optionally as of an instant' })
  @ApiNotFoundResponse({ type: ApiError })
  get(@Param() p: AppraisalParam, @Query() q: AsOfQuery, @Caller() caller: Actor) {
    const employeeId = employeeIdFor(p.employeeNumber);
    // Named 360 feedback is for HR, auditors and the manager; the reviewee sees what was said, never by whom.
    const full = caller.employeeId !== employeeId && caller.roles.some((r) => r === 'hr' || r === 'auditor' || r === 'manager' || r === 'admin');
    return this.queries.appraisal(p.cycleId, employeeId, full ? 'full' : 'reviewee', q.asOf);
  }
}
