import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { resourceStream } from '@tpm/training-application';
import { resourceDecider, ResourceNotFound } from '@tpm/training-domain';
import { EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { ResourceParam } from '../dto/ids.dto';
import { resourceScope } from '../scope/resource-unit.resolver';

@ApiTags('training: resources')
@Controller('training/resources')
export class ResourceController {
  // No resource read model exists yet: the write side's state is folded here, as before.
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':resourceId')
  @Roles('hr', 'manager', 'trainer', 'admin')
  @RecordScope(resourceScope('read'))
  async get(@Param() p: ResourceParam) {
    const { state } = await this.store.aggregate(resourceStream(p.resourceId), resourceDecider);
    if (state.status === 'new') throw new ResourceNotFound(p.resourceId);
    return state;
  }
}
