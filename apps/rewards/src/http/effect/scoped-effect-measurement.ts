import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenException } from '@nestjs/common';
import type { EventStore } from '@tpm/event-store';
import { OrgDirectory } from '@tpm/org-reference';
import { MeasureIncentiveEffectHandler, policyStream } from '@tpm/rewards-application';
import { policyDecider, PolicyNotFound } from '@tpm/rewards-domain';
import { EVENT_STORE, type RequestContext } from '@tpm/service-kit';
import { RewardsLifecycle } from '../../rewards.lifecycle';

/**
 * The unit measured must lie in the policy's subtree; its own subtree is what the inputs cover. The
 * read model is brought up to the store's end first, so a measurement counts every decision made before it.
 */
@Injectable()
export class ScopedEffectMeasurement {
  constructor(
    private readonly measure: MeasureIncentiveEffectHandler,
    private readonly org: OrgDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lifecycle: RewardsLifecycle,
  ) {}
  async handle(policyId: string, businessUnitId: string | null, ctx: RequestContext) {
    const { state } = await this.store.aggregate(policyStream(policyId), policyDecider);
    if (state.status === 'new') throw new PolicyNotFound(policyId);
    const unit = businessUnitId ?? state.businessUnitId;
    if (!(await this.org.isWithin(unit, [state.businessUnitId]))) throw new ForbiddenException({ code: 'UNIT_OUTSIDE_POLICY', message: `Unit ${unit} is not governed by policy ${policyId}` });
    await this.lifecycle.readModel.catchUp({ horizon: 'safe' });
    return this.measure.handle({ policyId, businessUnitId: unit, unitIds: await this.org.subtree([unit]), cycleId: state.cycleId }, ctx);
  }
}
