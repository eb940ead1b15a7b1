import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { policyStream } from '@tpm/rewards-application';
import { policyDecider, PolicyNotFound, versionInForce } from '@tpm/rewards-domain';
import { AggregateETag, EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { AsOfQuery, PolicyParam } from '../dto/ids.dto';
import { policyScope } from '../scope/record-units.resolver';

@ApiTags('rewards: policies')
@Controller('rewards/policies')
export class PolicyController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Every version with its start date, and the one in force at `asOf` (or now). */
  @Get(':policyId')
  @Roles('hr', 'manager', 'executive', 'analyst', 'auditor', 'admin')
  @RecordScope(policyScope('read'))
  @AggregateETag((p) => policyStream(p.policyId))
  async get(@Param() p: PolicyParam, @Query() q: AsOfQuery) {
    const { state, version } = await this.store.aggregate(policyStream(p.policyId), policyDecider, { asOf: q.asOf });
    if (state.status === 'new') throw new PolicyNotFound(p.policyId);
    return { ...state, inForce: versionInForce(state, q.asOf ?? new Date().toISOString())?.version ?? null, streamVersion: version, asOf: q.asOf ?? null };
  }
}
