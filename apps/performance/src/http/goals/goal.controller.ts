import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import { AppraisalQueries, goalStream } from '@tpm/performance-application';
import { AggregateETag, ApiError, RecordScope } from '@tpm/service-kit';
import { AsOfQuery } from '../dto/employee.dto';
import { GoalParam } from '../dto/performance-ids.dto';
import { goalReadScope } from './goal-unit.resolver';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('goals')
export class GoalController {
  constructor(private readonly queries: AppraisalQueries) {}

  @Get(':goalId')
  @Roles('executive', 'hr', 'manager', 'employee', 'analyst', 'auditor', 'admin')
  @RecordScope(goalReadScope)
  @AggregateETag((p) => goalStream(p.goalId))
  @ApiOkResponse({ description: 'The goal, optionally as of an instant' })
  @ApiNotFoundResponse({ type: ApiError })
  get(@Param() p: GoalParam, @Query() q: AsOfQuery) {
    return this.queries.goal(p.goalId, q.asOf);
  }
}
