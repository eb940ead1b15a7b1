import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { query, ReadableUnits, Roles, Scope } from '@tpm/auth';
import { TrainingQueries } from '@tpm/training-infrastructure';
import { ApiError, RecordScope } from '@tpm/service-kit';
import { NeedsQuery } from '../dto/need.dto';

/** Step 1, needs analysis: requested needs come in here, appraisal and coaching gaps as events. */
@ApiTags('training: needs')
@Controller('training/needs')
export class NeedsController {
  constructor(private readonly queries: TrainingQueries) {}

  @Get()
  @Roles('manager', 'hr', 'admin')
  // Asked for one unit: it must be readable. Otherwise: every unit the caller may read.
  @RecordScope(Scope.unit(query('businessUnitId'), 'read', { absent: 'skip' }))
  @ApiOkResponse({ description: 'Needs, highest priority first (priority = gap × strategic weight, formula version on each row)' })
  @ApiBadRequestResponse({ type: ApiError })
  list(@Query() q: NeedsQuery, @ReadableUnits() readable: string[] | null) {
    return this.queries.needs({ businessUnitIds: q.businessUnitId ? [q.businessUnitId] : readable, status: q.status, sort: q.sort, limit: q.limit });
  }
}
