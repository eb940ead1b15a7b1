import { Inject, Injectable } from '@nestjs/common';
import { param, Scope, type RecordUnitResolver, type ScopeMode } from '@tpm/auth';
import type { EventStore } from '@tpm/event-store';
import { grantStream, policyStream, proposalStream } from '@tpm/rewards-application';
import { grantDecider, GrantNotFound, policyDecider, PolicyNotFound, proposalDecider, ProposalNotFound } from '@tpm/rewards-domain';
import { EVENT_STORE } from '@tpm/service-kit';

/** A policy belongs to the unit that defines it. */
@Injectable()
export class PolicyUnit implements RecordUnitResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async unitOf(policyId: string): Promise<string> {
    const { state } = await this.store.aggregate(policyStream(policyId), policyDecider);
    if (state.status === 'new') throw new PolicyNotFound(policyId);
    return state.businessUnitId;
  }
}

/** A proposal belongs to the employee's unit at the appraisal. */
@Injectable()
export class ProposalUnit implements RecordUnitResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async unitOf(proposalId: string): Promise<string> {
    const { state } = await this.store.aggregate(proposalStream(proposalId), proposalDecider);
    if (state.status === 'new') throw new ProposalNotFound(proposalId);
    return state.header.businessUnitId;
  }
}

@Injectable()
export class GrantUnit implements RecordUnitResolver {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async unitOf(grantId: string): Promise<string> {
    const { state } = await this.store.aggregate(grantStream(grantId), grantDecider);
    if (state.status === 'new') throw new GrantNotFound(grantId);
    return state.terms.businessUnitId;
  }
}

export const policyScope = (mode: ScopeMode) => Scope.record(PolicyUnit, param('policyId'), mode);
export const proposalScope = (mode: ScopeMode) => Scope.record(ProposalUnit, param('proposalId'), mode);
export const grantScope = (mode: ScopeMode) => Scope.record(GrantUnit, param('grantId'), mode);
