import { Inject, Injectable } from '@nestjs/common';
import { body, param, Scope, type InputSource, type RecordUnitResolver } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { resourceStream } from '@tpm/training-application';
import { resourceDecider, ResourceNotFound } from '@tpm/training-domain';
import { EVENT_STORE } from '@tpm/service-kit';

/** A resource (venue, trainer, equipment) belongs to its owning unit; null: the organization's own. Unknown: 404. */
@Injectable()
export class ResourceUnit implements RecordUnitResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async unitOf(resourceId: string): Promise<string | null> {
    const { state } = await this.store.aggregate(resourceStream(resourceId), resourceDecider);
    if (state.status === 'new') throw new ResourceNotFound(resourceId);
    return state.businessUnitId;
  }
}

/**
 * The resource a route names. Reading the organization's resources is shared; booking or
 * releasing one needs write scope on its unit, or over the organization root for the organization's.
 */
export const resourceScope = (mode: 'read' | 'write', from: InputSource = param('resourceId'), optional = false) =>
  Scope.record(ResourceUnit, from, mode, { ofWholeOrganization: mode === 'read' ? 'shared' : 'organization-root', optional });

/** A session books the venue and trainer it names: the caller must be allowed to book each. */
export const sessionResourcesScope = [resourceScope('write', body('venueId'), true), resourceScope('write', body('trainerId'), true)];
