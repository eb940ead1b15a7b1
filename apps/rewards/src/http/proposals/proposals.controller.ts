import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { query, ReadableUnits, Roles, Scope } from '@tpm/auth';
import { RewardsQueries } from '@tpm/rewards-infrastructure';
import { RecordScope } from '@tpm/service-kit';
import { ProposalsQuery } from '../dto/proposal.dto';

@ApiTags('rewards: proposals')
@Controller('rewards/proposals')
export class ProposalsController {
  constructor(private readonly queries: RewardsQueries) {}

  @Get()
  @Roles('manager', 'hr', 'executive', 'auditor', 'admin')
  @RecordScope(Scope.unit(query('businessUnitId'), 'read', { absent: 'skip' }))
  @ApiOkResponse({ description: 'Proposals of the units in scope, oldest first: amounts and status, no base pay' })
  list(@Query() q: ProposalsQuery, @ReadableUnits() readable: string[] | null) {
    return this.queries.proposals({ businessUnitIds: q.businessUnitId ? [q.businessUnitId] : readable, cycleId: q.cycleId, status: q.status, limit: q.limit });
  }
}
