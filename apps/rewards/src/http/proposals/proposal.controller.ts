import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import type { Actor } from '@tpm/kernel';
import { proposalStream } from '@tpm/rewards-application';
import { proposalDecider, ProposalNotFound } from '@tpm/rewards-domain';
import { AggregateETag, EVENT_STORE, RecordScope } from '@tpm/service-kit';
import { AsOfQuery, ProposalParam } from '../dto/ids.dto';
import { proposalScope } from '../scope/record-units.resolver';

/** Who sees the base pay in a proposal's provenance: those who set and adjust it. */
const SEES_PAY = ['hr', 'manager', 'admin'];

@ApiTags('rewards: proposals')
@Controller('rewards/proposals')
export class ProposalController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':proposalId')
  @Roles('manager', 'hr', 'executive', 'auditor', 'admin')
  @RecordScope(proposalScope('read'))
  @AggregateETag((p) => proposalStream(p.proposalId))
  async get(@Param() p: ProposalParam, @Query() q: AsOfQuery, @Caller() caller: Actor) {
    const { state, version } = await this.store.aggregate(proposalStream(p.proposalId), proposalDecider, { asOf: q.asOf });
    if (state.status === 'new') throw new ProposalNotFound(p.proposalId);
    const view = 'provenance' in state && !caller.roles.some((r) => SEES_PAY.includes(r)) ? { ...state, provenance: { ...state.provenance, basePay: null } } : state;
    return { ...view, streamVersion: version, asOf: q.asOf ?? null };
  }
}
