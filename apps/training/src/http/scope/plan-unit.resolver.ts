import { Inject, Injectable } from '@nestjs/common';
import { param, Scope, type RecordUnitResolver, type ScopeMode } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { planStream } from '@tpm/training-application';
import { planDecider, PlanNotFound } from '@tpm/training-domain';
import { EVENT_STORE } from '@tpm/service-kit';

/** A plan belongs to its unit. */
@Injectable()
export class PlanUnit implements RecordUnitResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async unitOf(planId: string): Promise<string> {
    const { state } = await this.store.aggregate(planStream(planId), planDecider);
    if (state.status === 'new') throw new PlanNotFound(planId);
    return state.businessUnitId;
  }
}

/** The plan a route names (`:planId`). */
export const planScope = (mode: ScopeMode) => Scope.record(PlanUnit, param('planId'), mode);
