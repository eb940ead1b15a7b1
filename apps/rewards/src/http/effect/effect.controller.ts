import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { effectStream, policyStream } from '@tpm/rewards-application';
import { effectDecider, policyDecider, PolicyNotFound } from '@tpm/rewards-domain';
import { EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { PolicyParam } from '../dto/ids.dto';
import { EffectQuery } from '../dto/policy.dto';
import { policyScope } from '../scope/record-units.resolver';

/** The incentive effect of a policy as measured: each measurement with its inputs and function version (aggregates only). */
@ApiTags('rewards: incentive effect')
@Controller('rewards/policies/:policyId/effect')
export class EffectController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Roles('hr', 'analyst', 'executive', 'auditor', 'admin')
  @RecordScope(policyScope('read'))
  @ApiOkResponse({ description: '{latest: {inputs, result}, measurements}: expectancy (flagged <20% / >90%), instrumentality, valence, effect' })
  async get(@Param() p: PolicyParam, @Query() q: EffectQuery) {
    const { state: policy } = await this.store.aggregate(policyStream(p.policyId), policyDecider, { asOf: q.asOf });
    if (policy.status === 'new') throw new PolicyNotFound(p.policyId);
    const unit = q.businessUnitId ?? policy.businessUnitId;
    const { state, version } = await this.store.aggregate(effectStream(p.policyId, unit, policy.cycleId), effectDecider, { asOf: q.asOf });
    return { policyId: p.policyId, businessUnitId: unit, cycleId: policy.cycleId, latest: state.measurements.at(-1) ?? null, measurements: state.measurements, streamVersion: version, asOf: q.asOf ?? null };
  }
}
