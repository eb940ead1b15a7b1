import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { policyDecider, type PolicyRules } from '@tpm/rewards-domain';
import type { PolicyCatalogue } from './ports';
import { PolicyAlreadyDefinedForUnit } from './rewards.errors';
import { policyStream } from './rewards.streams';

export interface DefinePolicyInput {
  policyId: string;
  businessUnitId: string;
  cycleId: string;
  name: string;
  effectiveFrom: string;
  rules: PolicyRules;
}

/** HR defines a unit's policy for a cycle; the units below inherit it unless they define their own. */
export class DefinePolicyHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly catalogue: PolicyCatalogue,
  ) {}

  async handle(input: DefinePolicyInput, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    // One policy per unit and cycle: a second would make "the policy in force" ambiguous.
    const existing = await this.catalogue.definedFor(input.businessUnitId, input.cycleId);
    if (existing && existing !== input.policyId) throw new PolicyAlreadyDefinedForUnit(input.businessUnitId, input.cycleId, existing);
    const { result } = await execute(this.store, policyStream(input.policyId), policyDecider)(() => ({ type: 'DefinePolicy', data: { ...input, at } }), {
      context,
      at,
      businessUnitId: () => input.businessUnitId,
    });
    return result;
  }
}

/** A change to a policy is a new version from a date; the version in force stays as it was. */
export class PublishPolicyVersionHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async handle(input: { policyId: string; effectiveFrom: string; rules: PolicyRules }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const { result } = await execute(this.store, policyStream(input.policyId), policyDecider)(() => ({ type: 'PublishPolicyVersion', data: { ...input, at } }), {
      context,
      at,
      businessUnitId: (s) => (s.status === 'defined' ? s.businessUnitId : null),
    });
    return result;
  }
}
