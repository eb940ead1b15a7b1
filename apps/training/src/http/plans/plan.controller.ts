import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { planStream } from '@tpm/training-application';
import { planDecider, PlanNotFound } from '@tpm/training-domain';
import { AggregateETag, EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { PlanParam } from '../dto/ids.dto';
import { planScope } from '../scope/plan-unit.resolver';

@ApiTags('training: plans')
@Controller('training/plans')
export class PlanController {
  // No plan read model exists yet: the write side's state is folded here, as before.
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':planId')
  @Roles('hr', 'manager', 'executive', 'analyst', 'admin')
  @RecordScope(planScope('read'))
  @AggregateETag((p) => planStream(p.planId))
  async get(@Param() p: PlanParam) {
    const { state, version } = await this.store.aggregate(planStream(p.planId), planDecider);
    if (state.status === 'new') throw new PlanNotFound(p.planId);
    return { ...state, streamVersion: version };
  }
}
