import type { Clock } from '@tpm/kernel';
import { execute, type CommandContext, type CommandResult, type EventStore } from '@tpm/event-store';
import { effectDecider, surveyDecider } from '@tpm/rewards-domain';
import type { RewardFacts } from './ports';
import { effectStream, surveyStream } from './rewards.streams';

/** The employee rates the reward of a cycle (1-5): valence in their own words. */
export class RateRewardHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly facts: RewardFacts,
  ) {}
  async handle(input: { employeeId: string; cycleId: string; rating: number; comment: string | null }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const reward = await this.facts.rewardOf(input.employeeId, input.cycleId);
    const { result } = await execute(this.store, surveyStream(input.employeeId, input.cycleId), surveyDecider)(() => ({ type: 'RateReward', data: { ...input, reward, at } }), {
      context,
      at,
      businessUnitId: () => reward?.businessUnitId ?? null,
    });
    return result;
  }
}

/**
 * Measures a policy's incentive effect in a unit (its subtree) and cycle: the inputs are read from
 * the read model as of now, recorded on the measurement with the function version that used them.
 */
export class MeasureIncentiveEffectHandler {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly facts: RewardFacts,
  ) {}
  async handle(input: { policyId: string; businessUnitId: string; unitIds: string[]; cycleId: string }, context: CommandContext): Promise<CommandResult> {
    const at = this.clock.now().toISOString();
    const inputs = await this.facts.effectInputs(input.policyId, input.unitIds, input.cycleId, at);
    const { result } = await execute(this.store, effectStream(input.policyId, input.businessUnitId, input.cycleId), effectDecider)(
      () => ({ type: 'MeasureIncentiveEffect', data: { policyId: input.policyId, businessUnitId: input.businessUnitId, cycleId: input.cycleId, inputs, at } }),
      { context, at, businessUnitId: () => input.businessUnitId },
    );
    return result;
  }
}
