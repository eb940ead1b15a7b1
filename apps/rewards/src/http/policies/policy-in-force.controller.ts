import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { query, Roles, Scope } from '@tpm/auth';
import { RewardsQueries } from '@tpm/rewards-infrastructure';
import { RecordScope } from '@tpm/service-kit';
import { PolicyInForceQuery } from '../dto/policy.dto';

/** Which policy governs a unit on a date: its own, or the nearest ancestor's (inheritance down the subtree). */
@ApiTags('rewards: policies')
@Controller('rewards/policies')
export class PolicyInForceController {
  constructor(private readonly queries: RewardsQueries) {}

  @Get()
  @Roles('hr', 'manager', 'executive', 'analyst', 'auditor', 'admin')
  @RecordScope(Scope.unit(query('businessUnitId'), 'read'))
  @ApiOkResponse({ description: '{policyId, version, businessUnitId (the defining unit), rules} or null' })
  async get(@Query() q: PolicyInForceQuery) {
    return { inForce: await this.queries.inForce(q.businessUnitId, q.cycleId ?? null, q.on ?? new Date().toISOString()) };
  }
}
