import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { AppraisalQueries, employeeIdFor } from '@tpm/performance-application';
import { RecordScope } from '@tpm/service-kit';
import { AsOfQuery } from '../dto/employee.dto';
import { ScorecardParam } from '../dto/performance-ids.dto';
import { employeeNumbered } from '../employee-number.scope';

@ApiTags('scorecards')
@ApiBearerAuth()
@Controller('scorecards/:employeeNumber/:period')
export class ScorecardController {
  constructor(private readonly queries: AppraisalQueries) {}

  @Get()
  @Roles('employee', 'manager', 'hr', 'auditor', 'admin')
  @RecordScope(employeeNumbered('read'))
  @ApiOkResponse({ description: 'The scorecard with competency evidence, optionally as of an instant' })
  get(@Param() p: ScorecardParam, @Query() q: AsOfQuery) {
    return this.queries.scorecard(employeeIdFor(p.employeeNumber), p.period, q.asOf);
  }
}
