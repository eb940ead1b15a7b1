import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@tpm/event-store';
import { grantIdFor, grantStream, proposalStream, recognitionStream } from '@tpm/rewards-application';
import { grantDecider, proposalDecider, recognitionDecider } from '@tpm/rewards-domain';
import { RewardsQueries } from '@tpm/rewards-infrastructure';
import { EVENT_STORE } from '@tpm/service-kit';

/**
 * An employee's reward statement: per appraisal what was proposed and why (policy version, band,
 * proration, withheld), where it stands, and the grant and payment; plus recognition points. Each
 * record is folded from its own stream as of the moment asked.
 */
@Injectable()
export class StatementQuery {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly queries: RewardsQueries,
  ) {}

  async run(employeeId: string, asOf?: string) {
    const ids = await this.queries.proposalIdsOf(employeeId);
    const rewards = [];
    for (const id of ids) {
      const { state } = await this.store.aggregate(proposalStream(id), proposalDecider, { asOf });
      if (state.status === 'new') continue;
      const grant = (await this.store.aggregate(grantStream(grantIdFor(id)), grantDecider, { asOf })).state;
      rewards.push(
        state.status === 'ineligible'
          ? { cycleId: state.header.cycleId, appraisalId: state.header.appraisalId, status: 'ineligible', why: { reasons: state.reasons } }
          : {
              cycleId: state.header.cycleId,
              appraisalId: state.header.appraisalId,
              status: state.status,
              amount: state.amount,
              currency: state.provenance.currency,
              why: { policyId: state.provenance.policyId, policyVersion: state.provenance.policyVersion, band: state.provenance.band, bonusPercent: state.provenance.bonusPercent, proration: state.provenance.proration, goalsMissed: state.provenance.goalsMissed, withheld: state.provenance.withheld, adjusted: state.adjustments.length > 0 },
              grant: grant.status === 'new' ? null : { grantId: grant.terms.grantId, status: grant.status, dueOn: grant.terms.dueOn, paidOn: grant.paidOn, onTime: grant.onTime },
            },
      );
    }
    const recognition = (await this.store.aggregate(recognitionStream(employeeId), recognitionDecider, { asOf })).state;
    return { employeeId, rewards, recognitionPoints: recognition.points, asOf: asOf ?? null };
  }
}
