import { Inject, Injectable } from '@nestjs/common';
import { param, Scope, type RecordUnitResolver, type ScopeMode } from '@tpm/auth';
import type { Role } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { sessionStream } from '@tpm/training-application';
import { sessionDecider, SessionNotFound } from '@tpm/training-domain';
import { EVENT_STORE } from '@tpm/service-kit';

/**
 * A session belongs to its unit. Trainers and coaches hold read scope only, so the routes
 * reserved to them ask for read scope; HR and managers' changes ask for write scope.
 */
@Injectable()
export class SessionUnit implements RecordUnitResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async unitOf(sessionId: string): Promise<string> {
    const { state } = await this.store.aggregate(sessionStream(sessionId), sessionDecider);
    if (state.status === 'new') throw new SessionNotFound(sessionId);
    return state.businessUnitId;
  }
}

/** The session a route names (`:sessionId`). */
export const sessionScope = (mode: ScopeMode, unlessRole?: Role) => Scope.record(SessionUnit, param('sessionId'), mode, { unlessRole });
