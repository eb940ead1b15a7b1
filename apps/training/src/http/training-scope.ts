import { Inject, Injectable } from '@nestjs/common';
import { ACCESS_POLICY, type AccessMode, type AccessPolicy } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import type { Actor } from '@tpm/kernel';
import { planStream, sessionStream } from '@tpm/training-application';
import { planDecider, PlanNotFound, sessionDecider, SessionNotFound } from '@tpm/training-domain';
import { EVENT_STORE } from '@tpm/service-kit';

/**
 * Business-unit scope for training records (docs/security.md): a plan or session belongs to
 * its unit, a need, enrolment, evaluation or follow-up to its employee. Trainers and coaches
 * hold read scope only, so the routes reserved to them (attendance, tests, follow-up support)
 * ask for read scope on the unit or employee; HR and managers' changes ask for write scope.
 */
@Injectable()
export class TrainingScope {
  constructor(
    @Inject(ACCESS_POLICY) readonly policy: AccessPolicy,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Write for HR and managers; read for the roles whose own work this route is (trainer, coach, executive). */
  modeFor(caller: Actor): AccessMode {
    return caller.roles.some((r) => r === 'hr' || r === 'manager' || r === 'admin') ? 'write' : 'read';
  }

  async sessionUnit(sessionId: string): Promise<string> {
    const { state } = await this.store.aggregate(sessionStream(sessionId), sessionDecider);
    if (state.status === 'new') throw new SessionNotFound(sessionId);
    return state.businessUnitId;
  }

  async planUnit(planId: string): Promise<string> {
    const { state } = await this.store.aggregate(planStream(planId), planDecider);
    if (state.status === 'new') throw new PlanNotFound(planId);
    return state.businessUnitId;
  }

  async session(caller: Actor, sessionId: string, mode: AccessMode): Promise<void> {
    await this.policy.assertBusinessUnit(caller, await this.sessionUnit(sessionId), mode);
  }

  async plan(caller: Actor, planId: string, mode: AccessMode): Promise<void> {
    await this.policy.assertBusinessUnit(caller, await this.planUnit(planId), mode);
  }

  /** A need without an employee belongs to its unit; with one, to the employee (own, or in scope). */
  async need(caller: Actor, employeeId: string | null, businessUnitId: string, mode: AccessMode): Promise<void> {
    if (employeeId) await this.policy.assertEmployee(caller, employeeId, mode);
    else await this.policy.assertBusinessUnit(caller, businessUnitId, mode);
  }
}
