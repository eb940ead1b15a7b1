import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_POLICY, type AccessPolicy } from '@tpm/auth';
import type { Actor } from '@tpm/kernel';
import type { EventStore } from '@tpm/event-store';
import { sessionStream } from '@tpm/training-application';
import { sessionDecider, SessionNotFound, type Seat } from '@tpm/training-domain';
import { EVENT_STORE } from '@tpm/service-kit';

/**
 * A session as its caller may see it: roster, attendance and exam scores to those who may read
 * the session's unit; to an employee browsing sessions to enrol, the plan, the seat counts and
 * their own enrolment only (other people's seats and scores are theirs).
 */
@Injectable()
export class SessionView {
  // No session read model exists yet: the write side's state is folded here, as before.
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ACCESS_POLICY) private readonly access: AccessPolicy,
  ) {}

  async get(sessionId: string, caller: Actor) {
    const { state, version } = await this.store.aggregate(sessionStream(sessionId), sessionDecider);
    if (state.status === 'new') throw new SessionNotFound(sessionId);
    const full = await this.access.assertBusinessUnit(caller, state.businessUnitId, 'read').then(
      () => true,
      () => false,
    );
    if (full) return { ...state, streamVersion: version };
    const own = caller.employeeId;
    const mine = (seats: Seat[]) => seats.filter((s) => s.employeeId === own);
    const only = <T>(byEmployee: Record<string, T>) => (own !== undefined && own in byEmployee ? { [own]: byEmployee[own] } : {});
    return {
      ...state,
      seated: mine(state.seated),
      waitlist: mine(state.waitlist),
      attendance: only(state.attendance),
      examScores: only(state.examScores),
      seatsTaken: state.seated.length,
      waitlistLength: state.waitlist.length,
      streamVersion: version,
    };
  }
}
