import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { grantStream } from '@tpm/rewards-application';
import { grantDecider, GrantNotFound } from '@tpm/rewards-domain';
import { AggregateETag, EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { AsOfQuery, GrantParam } from '../dto/ids.dto';
import { grantScope } from '../scope/record-units.resolver';

@ApiTags('rewards: grants')
@Controller('rewards/grants')
export class GrantController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':grantId')
  @Roles('manager', 'hr', 'executive', 'auditor', 'admin')
  @RecordScope(grantScope('read'))
  @AggregateETag((p) => grantStream(p.grantId))
  async get(@Param() p: GrantParam, @Query() q: AsOfQuery) {
    const { state, version } = await this.store.aggregate(grantStream(p.grantId), grantDecider, { asOf: q.asOf });
    if (state.status === 'new') throw new GrantNotFound(p.grantId);
    return { ...state, streamVersion: version, asOf: q.asOf ?? null };
  }
}
