import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReadOnlyOperation, Roles } from '@tpm/auth';
import { AppraisalQueries, cycleStream } from '@tpm/performance-application';
import { AggregateETag, ApiError, RecordScope } from '@tpm/service-kit';
import { WhatIfRequest } from '../dto/appraisal-cycle.dto';
import { AsOfQuery } from '../dto/employee.dto';
import { CycleParam } from '../dto/performance-ids.dto';
import { cycleScope } from './cycle-unit.resolver';

/** What the committee reads of a cycle: its state, the distribution, and what-if re-scoring. */
@ApiTags('appraisal cycles')
@ApiBearerAuth()
@Controller('appraisal-cycles/:cycleId')
export class AppraisalCycleController {
  constructor(private readonly queries: AppraisalQueries) {}

  @Get()
  @Roles('hr', 'manager', 'executive', 'analyst', 'auditor', 'admin')
  @RecordScope(cycleScope('read'))
  @AggregateETag((p) => cycleStream(p.cycleId))
  @ApiOkResponse({ description: 'The cycle (stage, bands, rules version), optionally as of an instant' })
  @ApiNotFoundResponse({ type: ApiError })
  get(@Param() p: CycleParam, @Query() q: AsOfQuery) {
    return this.queries.cycle(p.cycleId, q.asOf);
  }

  @Get('distribution')
  @Roles('hr', 'executive', 'auditor', 'admin')
  @RecordScope(cycleScope('read'))
  @ApiOkResponse({ description: 'Appraisals per rating band and business unit, as they stand' })
  distribution(@Param() p: CycleParam) {
    return this.queries.distribution(p.cycleId);
  }

  @Post('what-if')
  @ReadOnlyOperation()
  @HttpCode(200)
  @Roles('hr', 'executive', 'analyst', 'auditor', 'admin')
  @RecordScope(cycleScope('read'))
  @ApiOkResponse({ description: 'The recorded assessments re-scored under other weights, bands or rules; nothing is written' })
  whatIf(@Param() p: CycleParam, @Body() body: WhatIfRequest) {
    return this.queries.whatIf(p.cycleId, { weights: body.weights, bands: body.bands?.map(({ name, from }) => ({ name, from })), rulesVersion: body.rulesVersion });
  }
}
